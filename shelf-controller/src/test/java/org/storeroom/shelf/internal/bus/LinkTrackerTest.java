package org.storeroom.shelf.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.storeroom.bus.NodeHealth;
import org.storeroom.bus.NodeKind;
import org.storeroom.shelf.api.NodeLink.Status;

class LinkTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final LinkTracker tracker = new LinkTracker(
            Map.of(1, URI.create("coap://127.0.1.1"), 2, URI.create("coap://127.0.1.2")), Duration.ofSeconds(3));

    private static NodeHealth health(int column) {
        return new NodeHealth("column-" + column, NodeKind.COLUMN, "column-node 1", 5, 100, List.of());
    }

    @Test
    void shouldStartUnknownAndGoOnlineOnTheFirstAnswerOnly() {
        assertThat(tracker.links()).extracting(l -> l.status()).containsExactly(Status.UNKNOWN, Status.UNKNOWN);
        assertThat(tracker.answered(1, health(1), T0)).get().extracting(l -> l.status()).isEqualTo(Status.ONLINE);
        assertThat(tracker.answered(1, health(1), T0.plusSeconds(1))).as("no change, no report").isEmpty();
        assertThat(tracker.links().get(0).lastSeen()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void shouldGoOfflineWhenTheLastAnswerIsOlderThanTheFreshnessLimit() {
        tracker.answered(1, health(1), T0);
        assertThat(tracker.expire(T0.plusSeconds(3))).isEmpty();
        List<?> changed = tracker.expire(T0.plusMillis(3001));
        assertThat(changed).hasSize(1);
        assertThat(tracker.links().get(0).status()).isEqualTo(Status.OFFLINE);
        assertThat(tracker.links().get(0).reason()).isEqualTo("no answer for 3001 ms");
        assertThat(tracker.links().get(0).lastSeen()).isEqualTo(T0);
    }

    @Test
    void shouldRefuseANodeThatAnswersAsAnotherColumn() {
        assertThat(tracker.answered(2, health(1), T0)).get().satisfies(l -> {
            assertThat(l.status()).isEqualTo(Status.OFFLINE);
            assertThat(l.reason()).isEqualTo("answers as column-1, expected column-2");
        });
    }

    @Test
    void shouldReportARepeatedFailureOnce() {
        assertThat(tracker.failed(2, "no answer (timeout)", T0)).isPresent();
        assertThat(tracker.failed(2, "no answer (timeout)", T0.plusSeconds(1))).isEmpty();
    }
}
