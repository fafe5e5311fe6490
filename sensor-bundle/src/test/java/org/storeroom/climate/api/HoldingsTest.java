package org.storeroom.climate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HoldingsTest {
    @Test
    void paperBandIsTheJgj25Band() {
        ClimateBand paper = Holdings.PAPER.band();
        assertThat(paper.contains(14, 45)).isTrue();
        assertThat(paper.contains(24, 60)).isTrue();
        assertThat(paper.contains(24.1, 50)).isFalse();
        assertThat(paper.contains(20, 44.9)).isFalse();
        assertThat(paper.midCelsius()).isEqualTo(19);
        assertThat(paper.midHumidity()).isEqualTo(52.5);
    }

    @Test
    void everyNarrowerHoldingsBandLiesWithinTheWidestOnes() {
        ClimateBand special = Holdings.SPECIAL_PAPER.band();
        assertThat(Holdings.PAPER.band().contains(special.minCelsius(), special.minHumidity())).isTrue();
        assertThat(Holdings.PAPER.band().contains(special.maxCelsius(), special.maxHumidity())).isTrue();
        assertThat(Holdings.FILM_MASTERS.band().maxHumidity()).as("film is kept at most as humid as paper at its driest")
                .isLessThanOrEqualTo(Holdings.PAPER.band().minHumidity());
    }

    @Test
    void shouldRefuseAnInvertedBandNamingIt() {
        assertThatThrownBy(() -> new ClimateBand(24, 14, 45, 60))
                .hasMessage("temperature band 24.0..14.0 °C is not an increasing range within -10..40 °C");
        assertThatThrownBy(() -> new ClimateBand(14, 24, 45, Double.NaN))
                .hasMessageContaining("humidity band 45.0..NaN");
    }
}
