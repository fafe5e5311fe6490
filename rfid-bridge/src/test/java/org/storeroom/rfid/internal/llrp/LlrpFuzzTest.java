package org.storeroom.rfid.internal.llrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.llrp.ltk.generated.messages.RO_ACCESS_REPORT;
import org.llrp.ltk.generated.parameters.AntennaID;
import org.llrp.ltk.generated.parameters.EPCData;
import org.llrp.ltk.generated.parameters.EPC_96;
import org.llrp.ltk.generated.parameters.PeakRSSI;
import org.llrp.ltk.generated.parameters.TagReportData;
import org.llrp.ltk.types.BitArray_HEX;
import org.llrp.ltk.types.Integer96_HEX;
import org.llrp.ltk.types.LLRPMessage;
import org.llrp.ltk.types.SignedByte;
import org.llrp.ltk.types.UnsignedShort;
import org.junit.jupiter.api.Test;

/**
 * Fuzz of what a reader sends: valid tag reports with bytes flipped, cut or added, and random bytes.
 * The framing either gives a message or refuses the stream with an IOException; a decoded report gives
 * reads or named problems; nothing else escapes.
 */
class LlrpFuzzTest {
    static byte[] report() throws Exception {
        RO_ACCESS_REPORT r = new RO_ACCESS_REPORT();
        List<TagReportData> data = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TagReportData t = new TagReportData();
            if (i % 2 == 0) {
                EPC_96 e = new EPC_96();
                e.setEPC(new Integer96_HEX(String.format("E2801160%016X", i)));
                t.setEPCParameter(e);
            } else {
                EPCData e = new EPCData();
                e.setEPC(new BitArray_HEX(String.format("E2801160%024X", i)));
                t.setEPCParameter(e);
            }
            AntennaID a = new AntennaID();
            a.setAntennaID(new UnsignedShort(1 + i));
            t.setAntennaID(a);
            PeakRSSI p = new PeakRSSI();
            p.setPeakRSSI(new SignedByte(-40 - i));
            t.setPeakRSSI(p);
            data.add(t);
        }
        r.setTagReportDataList(data);
        return r.encodeBinary();
    }

    @Test
    void aValidReportGivesItsReads() throws Exception {
        LLRPMessage m = LlrpFrames.read(new ByteArrayInputStream(report()));
        LlrpSpecs.Decoded d = LlrpSpecs.reads("r", (RO_ACCESS_REPORT) m, 42);
        assertThat(d.problems()).isEmpty();
        assertThat(d.reads()).extracting(t -> t.epc().hex() + "@" + t.antenna() + "/" + (int) t.rssiDbm() + "/" + t.atMs()).containsExactly(
                "E28011600000000000000000@1/-40/42",
                "E2801160000000000000000000000001@2/-41/42",
                "E28011600000000000000002@3/-42/42",
                "E2801160000000000000000000000003@4/-43/42");
    }

    @Property(tries = 1000)
    void anyBytesGiveAMessageOrAnIOExceptionNeverAnythingElse(@ForAll("streams") byte[] stream) {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        for (int i = 0; i < 4; i++) {
            LLRPMessage m;
            try {
                m = LlrpFrames.read(in);
            } catch (IOException refused) {
                return;
            }
            if (m instanceof RO_ACCESS_REPORT r) {
                LlrpSpecs.Decoded d = LlrpSpecs.reads("fuzz", r, 0);
                d.reads().forEach(t -> assertThat(t.epc().hex()).matches("[0-9A-F]+"));
            }
        }
    }

    @Provide
    Arbitrary<byte[]> streams() throws Exception {
        byte[] valid = report();
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(at -> Arbitraries.bytes().list().ofSize(at.size()).map(bs -> {
                    byte[] b = valid.clone();
                    for (int i = 0; i < at.size(); i++) {
                        b[at.get(i)] = bs.get(i);
                    }
                    return b;
                }));
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, valid.length).map(n -> java.util.Arrays.copyOf(valid, n));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(flipped, cut, random);
    }
}
