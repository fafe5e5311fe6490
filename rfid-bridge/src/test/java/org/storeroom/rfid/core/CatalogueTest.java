package org.storeroom.rfid.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    private static final ShelvingLayout ROOM = ShelvingLayout.DEMO;

    private static Catalogue.Result read(String csv) {
        return Catalogue.read(new StringReader(csv), ROOM);
    }

    private static List<String> messages(Catalogue.Result r) {
        return r.problems().stream().map(Catalogue.Problem::toString).toList();
    }

    @Test
    void readsBoxesFilesAndKeysWithChineseHeaders() {
        Catalogue.Result r = read("\uFEFF档号,盒EPC,存放位置,件号,题名,证件号码,合同号\r\n"
                + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000001,\"贷款, 张三\",370700198501011234,WF2015000001\r\n"
                + "0435-DK·2015-Y-00001,E28011600000000000000001,C07-A-B03-L2-S05,DK2015-000002,,370700198501011234,WF2015000002\r\n"
                + "0435-DK·2015-Y-00002,,C07-A-B03-L2-S06,,,,\r\n");
        assertThat(messages(r)).isEmpty();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.boxes()).extracting(Catalogue.Box::archiveNo).containsExactly("0435-DK·2015-Y-00001", "0435-DK·2015-Y-00002");
        assertThat(r.boxes().get(1).epc()).isNull();
        assertThat(r.files()).hasSize(2);
        assertThat(r.files().get(0).title()).isEqualTo("贷款, 张三");
        assertThat(r.files().get(0).contractNo()).isEqualTo("WF2015000001");
    }

    @Test
    void namesEveryConflictWithItsLine() {
        Catalogue.Result r = read("archive_no,box_epc,point,file_no\n"
                + "B1,E28011600000000000000001,C07-A-B03-L2-S05,F1\n"
                + "B1,E28011600000000000000001,C07-A-B03-L2-S06,F2\n"          // same box, other point
                + "B2,E28011600000000000000002,C07-A-B03-L2-S05,F3\n"          // point of B1
                + "B3,E28011600000000000000001,C07-A-B03-L2-S07,F4\n"          // EPC of B1
                + "B4,E28011600000000000000004,C07-A-B03-L2-S08,F1\n"          // file F1 again
                + "B5,,C01-A-B01-L1-S01,\n"                                     // fixed column's wall side
                + "B6,E2801160XYZ,C08-A-B01-L1-S01,\n"                          // bad EPC
                + "B7,,C08-A-B01-L1-S02,\n"
                + "B7,,C08-A-B01-L1-S02,\n"                                     // box listed twice without a file
                + "B8,,C08-A-B01-L1-S03\n");                                    // field missing
        assertThat(messages(r)).containsExactly(
                "line 3, point: box B1 is at C07-A-B03-L2-S05 on line 2, not C07-A-B03-L2-S06",
                "line 4, point: C07-A-B03-L2-S05 already holds box B1; a storage point holds one box",
                "line 5, box_epc: EPC E28011600000000000000001 is already on box B1",
                "line 6, file_no: file F1 is listed twice (first on line 2)",
                "line 7, point: C01-A-B01-L1-S01: column 1 is the fixed column of range A and stands against the wall: it has no side A",
                "line 8, box_epc: EPC 'E2801160XYZ' has 11 hex digits; expected a multiple of 4 from 4 to 124",
                "line 10, archive_no: box B7 is listed again without a file (first on line 9)",
                "line 11: has 3 fields; the header names 4");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void refusesAnUnknownOrMissingColumnBeforeReadingRows() {
        Catalogue.Result r = read("archive_no,pont,file_no\nB1,C07-A-B03-L2-S05,F1\n");
        assertThat(messages(r)).containsExactly(
                "line 1, pont: column 'pont' is not one of archive_no, 档号, box_epc, 盒epc, 盒标签, point, 存放位置, 位置, file_no, 件号, 文件编号, file_epc, 件epc, 件标签, title, 题名, borrower_id, 证件号码, 借款人证件号码, contract_no, 合同号, 借款合同号",
                "line 1, point: the required column point is missing");
        assertThat(r.rows()).isZero();
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStartsOn() {
        Catalogue.Result r = read("archive_no,point,title,file_no\nB1,C07-A-B03-L2-S05,\"open,F1\nB2,C07-A-B03-L2-S06,x,F2\n");
        assertThat(messages(r)).containsExactly("line 2: a quoted field is never closed");
    }

    @Test
    void theDemoCatalogueIsClean() {
        Catalogue.Result r = read(DemoCatalogue.csv(ROOM, DemoCatalogue.BOXES, DemoCatalogue.FILES, 2012));
        assertThat(messages(r)).isEmpty();
        assertThat(r.boxes()).hasSize(9_231);
        assertThat(r.files()).hasSize(65_772);
        assertThat(r.files().stream().map(Catalogue.File::borrowerId).distinct().count()).isLessThan(65_772);
    }

    /** Fuzz: whatever the bytes, reading never throws, and a problem always names a line within the text. */
    @Property(tries = 400)
    void anyTextGivesRowsOrProblemsNeverAnException(@ForAll("mangled") String csv) {
        Catalogue.Result r = read(csv);
        long lines = csv.chars().filter(c -> c == '\n' || c == '\r').count() + 1;
        assertThat(r.problemCount()).isGreaterThanOrEqualTo(r.problems().size());
        r.problems().forEach(p -> assertThat((long) p.line()).isBetween(1L, lines));
        if (r.ok()) {
            assertThat(r.boxes().size()).isLessThanOrEqualTo(r.rows());
        } else {
            assertThat(r.problems()).isNotEmpty();
        }
    }

    /** A generated clean catalogue of any size reads back to exactly its boxes and files. */
    @Property(tries = 30)
    void aCleanCatalogueReadsBackWhole(@ForAll @IntRange(min = 1, max = 300) int boxes, @ForAll @IntRange(min = 0, max = 900) int files,
                                       @ForAll long seed) {
        Catalogue.Result r = read(DemoCatalogue.csv(ROOM, boxes, files, seed));
        assertThat(messages(r)).isEmpty();
        assertThat(r.boxes()).hasSize(boxes);
        assertThat(r.files()).hasSize(files);
    }

    @Provide
    Arbitrary<String> mangled() {
        String valid = DemoCatalogue.csv(ROOM, 6, 12, 7);
        Arbitrary<String> random = Arbitraries.strings().withChars("\",\n\r档号 ABCDEF0123456789-·\uFEFF").ofMaxLength(400);
        Arbitrary<String> mutated = Arbitraries.integers().between(0, valid.length() - 1).list().ofMaxSize(8)
                .flatMap(cuts -> Arbitraries.strings().withChars("\",\n\rX9-").ofMaxLength(3).list().ofSize(cuts.size())
                        .map(inserts -> {
                            StringBuilder sb = new StringBuilder(valid);
                            for (int i = 0; i < cuts.size(); i++) {
                                int at = Math.min(cuts.get(i), sb.length());
                                sb.replace(at, Math.min(at + 1, sb.length()), inserts.get(i));
                            }
                            return sb.toString();
                        }));
        return Arbitraries.oneOf(random, mutated, Arbitraries.strings().ofMaxLength(200));
    }
}
