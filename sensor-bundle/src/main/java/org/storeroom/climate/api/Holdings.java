package org.storeroom.climate.api;

/**
 * Kinds of holdings and their climate bands from JGJ 25-2010 (archive building design code). A zone is
 * kept to the band of what it holds; facilities staff may tighten a band, never widen it silently.
 */
public enum Holdings {
    /** Paper records, such as the loan files: 14–24 °C, 45–60 %RH. */
    PAPER(new ClimateBand(14, 24, 45, 60)),
    /** Special or rare paper: 14–20 °C, 45–55 %RH. */
    SPECIAL_PAPER(new ClimateBand(14, 20, 45, 55)),
    /** Magnetic media: 14–24 °C, 40–60 %RH. */
    MAGNETIC_MEDIA(new ClimateBand(14, 24, 40, 60)),
    /** Film masters: 13–15 °C, 35–45 %RH. */
    FILM_MASTERS(new ClimateBand(13, 15, 35, 45));

    /** Largest allowed swing of temperature within a day, °C either way. */
    public static final double MAX_DAILY_SWING_CELSIUS = 2;
    /** Largest allowed swing of relative humidity within a day, % either way. */
    public static final double MAX_DAILY_SWING_HUMIDITY = 5;

    private final ClimateBand band;

    Holdings(ClimateBand band) {
        this.band = band;
    }

    /** @return the band JGJ 25-2010 sets for these holdings. */
    public ClimateBand band() {
        return band;
    }
}
