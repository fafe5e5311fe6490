package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.storeroom.rfid.api.Epc;

class VendorEventsTest {
    static final String IMPINJ = "{\"timestamp\":\"2019-03-26T23:19:02.178Z\",\"hostname\":\"impinj-13-8b-f7\",\"eventType\":\"tagInventory\","
            + "\"tagInventoryEvent\":{\"epc\":\"MAAAAAAAAAAAAAAB\",\"epcHex\":\"300000000000000000000001\",\"antennaPort\":2,"
            + "\"antennaName\":\"Antenna 2\",\"peakRssiCdbm\":-5400,\"frequency\":920250,\"transmitPowerCdbm\":3000}}";
    static final String ZEBRA = "{\"data\":{\"eventNum\":81,\"format\":\"epc\",\"idHex\":\"e28011600000000000000007\",\"antenna\":1,"
            + "\"peakRssi\":-61,\"reads\":1},\"timestamp\":\"2021-06-08T12:00:00.125+0800\",\"type\":\"SIMPLE\"}";

    private static VendorEvents.Parsed parse(String s) {
        return VendorEvents.parse(s.getBytes(StandardCharsets.UTF_8), "fx9600-door");
    }

    @Test
    void readsImpinjAndZebraEvents() {
        VendorEvents.Parsed p = parse(IMPINJ + "\n" + ZEBRA + "\n");
        assertThat(p.rejected()).isEmpty();
        assertThat(p.reads()).containsExactly(
                new TagRead("impinj-13-8b-f7", 2, new Epc("300000000000000000000001"), -54.0, 1553642342178L),
                new TagRead("fx9600-door", 1, new Epc("E28011600000000000000007"), -61.0, 1623124800125L));
    }

    @Test
    void anArrayOfEventsAndStatusEventsSkipped() {
        VendorEvents.Parsed p = parse("[" + ZEBRA + ",{\"type\":\"heartbeat\",\"data\":{\"uptime\":1}}]");
        assertThat(p.reads()).hasSize(1);
        assertThat(p.skipped()).isEqualTo(1);
    }

    @Test
    void rejectsBadEventsOneByOneKeepingTheGoodOnes() {
        VendorEvents.Parsed p = parse(IMPINJ + "\n{\"tagInventoryEvent\":{\"epcHex\":\"30ZZ\",\"antennaPort\":1,\"peakRssiCdbm\":-5000},"
                + "\"timestamp\":\"2019-03-26T23:19:02Z\"}\n{\"timestamp\":\"yesterday\",\"tagInventoryEvent\":{\"epcHex\":\"3000\","
                + "\"antennaPort\":1,\"peakRssiCdbm\":-5000}}\n{\"data\":{\"idHex\":\"3000\",\"antenna\":0,\"peakRssi\":-50},"
                + "\"timestamp\":\"2021-06-08T12:00:00Z\"}\n{\"tagInventoryEvent\":{\"epcHex\":\"3000\"}\n" + ZEBRA + "\n{\"x\":1}");
        assertThat(p.reads()).hasSize(2);
        assertThat(p.rejected()).containsExactly(
                "line 2: EPC '30ZZ' has a non-hex character 'Z' at position 3",
                "line 3: timestamp 'yesterday' is not an ISO-8601 time",
                "line 4: antenna 0 of reader fx9600-door is outside 1..65535",
                "line 5: not JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])",
                "line 7: is neither an Impinj tagInventoryEvent nor a Zebra tag event");
    }

    @Test
    void twoEventsOnOneLineAreNotHalfTaken() {
        VendorEvents.Parsed p = parse(IMPINJ + " " + ZEBRA + "\r\n" + ZEBRA + "\r\n");
        assertThat(p.reads()).hasSize(1);
        assertThat(p.rejected()).singleElement().asString().startsWith("line 1: not JSON: Trailing token");
    }

    @Test
    void refusesAnOversizedPayloadWhole() {
        VendorEvents.Parsed p = VendorEvents.parse(new byte[VendorEvents.MAX_PAYLOAD + 1], "r");
        assertThat(p.reads()).isEmpty();
        assertThat(p.rejected()).singleElement().asString().contains("larger than");
    }

    /** Fuzz: any bytes give reads or rejections, never an exception; every read is a valid one. */
    @Property(tries = 500)
    void anyPayloadIsReadOrRejectedNeverThrown(@ForAll("payloads") byte[] payload) {
        VendorEvents.Parsed p = VendorEvents.parse(payload, "fuzz");
        p.rejected().forEach(r -> assertThat(r.length()).isLessThanOrEqualTo(301));
        p.reads().forEach(r -> assertThat(r.epc().hex()).matches("[0-9A-F]+"));
    }

    /**
     * The token-by-token reading of plain Impinj events decides every payload as the tree does: the same
     * reads, the same skips, the same rejections in the same words.
     */
    @Property(tries = 3000)
    void theFastPathAgreesWithTheTree(@ForAll("events") byte[] payload) {
        VendorEvents.Parsed fast = VendorEvents.parse(payload, "fuzz", true);
        VendorEvents.Parsed tree = VendorEvents.parse(payload, "fuzz", false);
        assertThat(fast).isEqualTo(tree);
    }

    @Provide
    Arbitrary<byte[]> events() {
        Arbitrary<String> value = Arbitraries.of("\"2026-11-24T06:00:00.123Z\"", "\"2026-11-24T06:00:00+0800\"", "\"E2801160\"",
                "\"e280116000000000000000ab\"", "\"XYZ\"", "\"\"", "1", "-5230", "2147483648", "1.5", "1e2", "null", "true",
                "{}", "[]", "{\"a\":[1,{\"b\":2}]}", "{\"a\":1,\"a\":2}", "[{\"b\":1,\"b\":1}]", "\"2026-11-24T06:00:00Z\"", "\"door\"");
        Arbitrary<String> name = Arbitraries.of("timestamp", "hostname", "eventType", "tagInventoryEvent", "epcHex", "antennaPort",
                "peakRssiCdbm", "tidHex", "data", "idHex", "antenna", "peakRssi");
        Arbitrary<String> field = Combinators.combine(name, value).as((n, v) -> "\"" + n + "\":" + v);
        Arbitrary<String> inner = field.list().ofMaxSize(5).map(fs -> "{" + String.join(",", fs) + "}");
        Arbitrary<String> good = Combinators.combine(value, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(-9000, 0))
                .as((v, port, rssi) -> "{\"timestamp\":\"2026-11-24T06:00:00.123Z\",\"hostname\":\"shelf-1\",\"eventType\":\"tagInventory\","
                        + "\"tagInventoryEvent\":{\"epcHex\":\"E28011600000000000000001\",\"antennaPort\":" + port
                        + ",\"peakRssiCdbm\":" + rssi + ",\"extra\":" + v + "}}");
        Arbitrary<String> top = Combinators.combine(field.list().ofMaxSize(4), inner, Arbitraries.of("", " ", "x", "}", "{}"))
                .as((fs, in, tail) -> "{" + String.join(",", fs) + (fs.isEmpty() ? "" : ",") + "\"tagInventoryEvent\":" + in + "}" + tail);
        // A good event with one field's value changed, one field dropped or repeated, in any order.
        Arbitrary<String> variant = Combinators.combine(value, Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1000)).as((v, which, how, shuffle) -> {
                    java.util.List<String[]> in = new java.util.ArrayList<>(java.util.List.of(new String[] {"epcHex", "\"E28011600000000000000001\""},
                            new String[] {"antennaPort", "2"}, new String[] {"peakRssiCdbm", "-4550"}));
                    java.util.List<String[]> out = new java.util.ArrayList<>(java.util.List.of(new String[] {"timestamp", "\"2026-11-24T06:00:00.123Z\""},
                            new String[] {"hostname", "\"shelf-1\""}, new String[] {"eventType", "\"tagInventory\""}));
                    java.util.List<String[]> target = which < 3 ? in : out;
                    String[] f = target.get(which % 3);
                    switch (how) {
                        case 0 -> f[1] = v;
                        case 1 -> target.remove(f);
                        default -> target.add(new String[] {f[0], v});
                    }
                    java.util.Collections.shuffle(in, new java.util.Random(shuffle));
                    java.util.Collections.shuffle(out, new java.util.Random(shuffle + 1));
                    java.util.List<String> fields = new java.util.ArrayList<>();
                    out.forEach(x -> fields.add("\"" + x[0] + "\":" + x[1]));
                    java.util.List<String> inner2 = new java.util.ArrayList<>();
                    in.forEach(x -> inner2.add("\"" + x[0] + "\":" + x[1]));
                    fields.add(shuffle % (fields.size() + 1), "\"tagInventoryEvent\":{" + String.join(",", inner2) + "}");
                    return "{" + String.join(",", fields) + "}";
                });
        Arbitrary<String> line = Arbitraries.oneOf(good, variant, variant, top, field.map(f -> "{" + f + "}"));
        return line.list().ofMinSize(1).ofMaxSize(4).map(ls -> String.join("\n", ls).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        String both = IMPINJ + "\n" + ZEBRA;
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, both.length() - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(cuts -> Arbitraries.chars().with("{}[]\":,0-9aZ\n ").list().ofSize(cuts.size()).map(cs -> {
                    char[] t = both.toCharArray();
                    for (int i = 0; i < cuts.size(); i++) {
                        t[cuts.get(i)] = cs.get(i);
                    }
                    return new String(t).getBytes(StandardCharsets.UTF_8);
                }));
        return Arbitraries.oneOf(mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }
}
