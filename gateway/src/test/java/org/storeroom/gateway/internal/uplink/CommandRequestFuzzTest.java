package org.storeroom.gateway.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The command parser on outside data: it accepts a well-formed command, and rejects anything else with a reason. */
class CommandRequestFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Set<String> ALLOWED = Set.of("shelves.lock", "index.resync");
    private static final String VALID = "{\"id\":\"c-17\",\"ts\":\"2026-11-23T07:59:30Z\",\"args\":{\"range\":\"A\",\"n\":[1,2]}}";

    private static boolean rejectedWithReason(String name, byte[] payload) {
        try {
            CommandRequest r = CommandRequest.parse(name, payload, ALLOWED, NOW);
            return ALLOWED.contains(r.name()) && !r.id().isEmpty() && r.args() != null;
        } catch (CommandRequest.Rejected e) {
            return e.getMessage() != null && !e.getMessage().isBlank();
        }
    }

    @Property(tries = 3000)
    void randomBytesNeverThrowAnythingButARejection(@ForAll @Size(max = 600) byte[] payload) {
        assertThat(rejectedWithReason("shelves.lock", payload)).isTrue();
    }

    @Property(tries = 3000)
    void mutatedCommandsAreAcceptedOnlyWhenStillWellFormed(@ForAll("mutations") String payload) {
        assertThat(rejectedWithReason("shelves.lock", payload.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> ch = Arbitraries.chars().with('{', '}', '"', ':', ',', '[', ']', '\\', 'x', '0', ' ', '\u0000', '档');
        return Arbitraries.oneOf(
                at.flatMap(i -> ch.map(c -> VALID.substring(0, i) + c + VALID.substring(i + 1))),
                at.map(i -> VALID.substring(0, i)),
                at.flatMap(i -> ch.map(c -> VALID.substring(0, i) + c + VALID.substring(i))),
                Arbitraries.just("{\"id\":\"c-1\",\"ts\":\"2026-11-23T07:59:30Z\",\"args\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                Arbitraries.just("{\"id\":\"c-1\",\"id\":\"c-2\",\"ts\":\"2026-11-23T07:59:30Z\",\"args\":{}}"),
                Arbitraries.just(VALID + " {}"));
    }

    @Property(tries = 200)
    void theAllowListDecidesNotTheTopic(@ForAll("names") String name) {
        try {
            CommandRequest.parse(name, VALID.getBytes(StandardCharsets.UTF_8), ALLOWED, NOW);
            assertThat(ALLOWED).contains(name);
        } catch (CommandRequest.Rejected e) {
            assertThat(ALLOWED).doesNotContain(name);
            assertThat(e.getMessage()).contains("is not allowed here");
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.of("shelves.lock", "index.resync", "shelves.unlock", "", "#", "+", "shelves.lock/x"),
                Arbitraries.strings().ofMaxLength(40));
    }
}
