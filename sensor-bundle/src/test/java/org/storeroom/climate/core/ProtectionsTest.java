package org.storeroom.climate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 八防: each item stands by its sensors or its inspections, and a bad checklist entry is named. */
class ProtectionsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Protections.RoomState QUIET = new Protections.RoomState(FireStage.QUIET, false, List.of(), List.of(), List.of(), List.of());

    private static Map<String, Protections.Standing> standings(Protections.RoomState room, Map<String, Protections.Inspection> last) {
        Map<String, Protections.Standing> out = new java.util.HashMap<>();
        Protections.evaluate(Protections.DEFAULT, room, last, NOW).forEach(s -> out.put(s.item().id(), s));
        return out;
    }

    @Test
    void aQuietRoomWithFreshInspectionsIsAllOk() {
        Map<String, Protections.Inspection> last = new java.util.HashMap<>();
        for (String id : List.of("light", "dust", "pests", "mould")) {
            last.put(id, new Protections.Inspection(id, NOW.minus(Duration.ofDays(3)), "user:wang", true, ""));
        }
        assertThat(standings(QUIET, last).values()).extracting(s -> s.status()).containsOnly(Protections.Status.OK);
        assertThat(standings(QUIET, last).get("pests").zh()).isEqualTo("3天前检查正常");
    }

    @Test
    void sensorsAndInspectionsSayWhatNeedsAttention() {
        Protections.RoomState room = new Protections.RoomState(FireStage.PRE_ALARM, false, List.of("water-s2"), List.of("door-s1"),
                List.of("zone-1"), List.of());
        Map<String, Protections.Standing> s = standings(room, Map.of(
                "pests", new Protections.Inspection("pests", NOW.minus(Duration.ofDays(40)), "user:wang", true, ""),
                "mould", new Protections.Inspection("mould", NOW.minus(Duration.ofDays(1)), "user:wang", false, "spots on box 0435-DK·2015-Y-03500")));
        assertThat(s.get("fire").status()).isEqualTo(Protections.Status.ATTENTION);
        assertThat(s.get("water").en()).isEqualTo("water: water-s2");
        assertThat(s.get("theft").zh()).isEqualTo("门未关：door-s1");
        assertThat(s.get("climate").status()).isEqualTo(Protections.Status.ATTENTION);
        assertThat(s.get("pests").status()).isEqualTo(Protections.Status.OVERDUE);
        assertThat(s.get("pests").en()).isEqualTo("40 days since the last inspection (due every 30)");
        assertThat(s.get("mould").en()).contains("spots on box");
        assertThat(s.get("light").status()).isEqualTo(Protections.Status.OVERDUE);
        assertThat(s.get("light").en()).isEqualTo("never inspected");
    }

    @Test
    void theChecklistIsConfigurableAndBadEntriesAreNamed() {
        assertThat(Protections.parse(new String[] {"fire=FIRE|防火|fire", "archives-out=INSPECTION:7|防丢失|loss", ""}))
                .extracting(Protections.Item::id).containsExactly("fire", "archives-out");
        assertThatThrownBy(() -> Protections.parse(new String[] {"fire=SMOKE|防火|fire"})).hasMessageStartingWith("protection fire: source 'SMOKE'");
        assertThatThrownBy(() -> Protections.parse(new String[] {"fire=FIRE|防火"})).hasMessageContaining("is not ID=SOURCE");
        assertThatThrownBy(() -> Protections.parse(new String[] {"dust=INSPECTION:0|防尘|dust"})).hasMessageContaining("0 days is outside 1..366");
        assertThatThrownBy(() -> Protections.parse(new String[] {"fire=FIRE|防火|fire", "fire=WATER|防水|water"})).hasMessage("protection fire is listed twice");
    }
}
