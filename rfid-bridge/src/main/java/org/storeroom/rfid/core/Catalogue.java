package org.storeroom.rfid.core;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.api.StoragePoint;

/**
 * An archive's existing catalogue, read from CSV and checked as a whole before anything is written: one
 * row per file, with the box it is in; a box without files is a row without a file number.
 *
 * <p>Columns (English or Chinese header, any order): {@code archive_no} 档号 (required),
 * {@code box_epc} 盒EPC, {@code point} 存放位置 (required), {@code file_no} 件号, {@code file_epc} 件EPC,
 * {@code title} 题名, {@code borrower_id} 证件号码, {@code contract_no} 合同号. An unknown column is an
 * error: a misspelt header would otherwise drop its data without a word.
 *
 * <p>Checked: every field's form, the point exists in the room, a box's rows agree on its EPC and
 * point, no two boxes share a point, no EPC is on two boxes or files, no file number or box-only row
 * repeats. Conflicts with what the warehouse already holds are checked by the warehouse.
 */
public final class Catalogue {
    /** A box as the catalogue gives it. {@code epc} is null for an untagged box. */
    public record Box(String archiveNo, Epc epc, StoragePoint point, int line) { }

    /** A file as the catalogue gives it, with the keys that link it to an account (一户式). */
    public record File(String fileNo, String archiveNo, Epc epc, String title, String borrowerId, String contractNo, int line) { }

    /** Something wrong with one row, naming the column and the value. */
    public record Problem(int line, String column, String value, String message) {
        @Override
        public String toString() {
            return "line " + line + (column.isEmpty() ? "" : ", " + column) + ": " + message;
        }
    }

    /** What a catalogue holds and what is wrong with it; nothing is written while {@code problems} is not empty. */
    public record Result(int rows, List<Box> boxes, List<File> files, List<Problem> problems, int problemCount) {
        public boolean ok() {
            return problemCount == 0;
        }
    }

    /** Problems kept for the preview; all are counted. */
    static final int KEEP_PROBLEMS = 500;

    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        alias("archive_no", "档号");
        alias("box_epc", "盒EPC", "盒标签");
        alias("point", "存放位置", "位置");
        alias("file_no", "件号", "文件编号");
        alias("file_epc", "件EPC", "件标签");
        alias("title", "题名");
        alias("borrower_id", "证件号码", "借款人证件号码");
        alias("contract_no", "合同号", "借款合同号");
    }

    private static void alias(String column, String... names) {
        HEADERS.put(column, column);
        for (String n : names) {
            HEADERS.put(n.toLowerCase(Locale.ROOT), column);
        }
    }

    private Catalogue() {
    }

    /** Reads and checks a whole catalogue. Never throws for bad content: every fault is a {@link Problem}. */
    public static Result read(Reader csv, ShelvingLayout layout) {
        Check check = new Check(layout);
        CsvReader reader = new CsvReader(csv);
        try {
            CsvReader.Row header = reader.next();
            if (header == null) {
                check.problem(1, "", "", "the file is empty; the first line must name the columns, e.g. archive_no,point,file_no");
                return check.result();
            }
            Map<String, Integer> columns = check.header(header);
            if (columns == null) {
                return check.result();
            }
            for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
                check.row(row, columns);
            }
        } catch (CsvReader.CsvException e) {
            check.problem(e.line(), "", "", e.getMessage().replaceFirst("^line \\d+: ", ""));
        } catch (IOException e) {
            check.problem(0, "", "", "the file could not be read: " + e.getMessage());
        }
        return check.result();
    }

    private static final class Check {
        private final ShelvingLayout layout;
        private final List<Box> boxes = new ArrayList<>();
        private final List<File> files = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Box> boxByNo = new HashMap<>();
        private final Map<StoragePoint, String> boxAtPoint = new HashMap<>();
        private final Map<Epc, String> epcOwner = new HashMap<>();
        private final Map<String, Integer> fileLine = new HashMap<>();
        private final Map<String, Integer> bareBoxLine = new HashMap<>();
        private int rows;
        private int problemCount;

        Check(ShelvingLayout layout) {
            this.layout = layout;
        }

        void problem(int line, String column, String value, String message) {
            problemCount++;
            if (problems.size() < KEEP_PROBLEMS) {
                problems.add(new Problem(line, column, value, message));
            }
        }

        Result result() {
            return new Result(rows, List.copyOf(boxes), List.copyOf(files), List.copyOf(problems), problemCount);
        }

        Map<String, Integer> header(CsvReader.Row header) {
            Map<String, Integer> columns = new HashMap<>();
            List<String> names = header.fields();
            for (int i = 0; i < names.size(); i++) {
                String raw = names.get(i).trim();
                String column = HEADERS.get(raw.toLowerCase(Locale.ROOT));
                if (column == null) {
                    problem(header.line(), raw, raw, "column '" + raw + "' is not one of " + String.join(", ", HEADERS.keySet()));
                } else if (columns.put(column, i) != null) {
                    problem(header.line(), raw, raw, "column " + column + " is named twice");
                }
            }
            for (String required : List.of("archive_no", "point")) {
                if (!columns.containsKey(required)) {
                    problem(header.line(), required, "", "the required column " + required + " is missing");
                }
            }
            return problemCount == 0 ? columns : null;
        }

        void row(CsvReader.Row row, Map<String, Integer> columns) {
            rows++;
            int line = row.line();
            if (row.fields().size() != columns.size()) {
                problem(line, "", "", "has " + row.fields().size() + " fields; the header names " + columns.size());
                return;
            }
            int before = problemCount;
            String archiveNo = name(line, "archive_no", field(row, columns, "archive_no"), true);
            Epc boxEpc = epc(line, "box_epc", field(row, columns, "box_epc"));
            StoragePoint point = point(line, field(row, columns, "point"));
            String fileNo = name(line, "file_no", field(row, columns, "file_no"), false);
            Epc fileEpc = epc(line, "file_epc", field(row, columns, "file_epc"));
            String title = text(line, "title", field(row, columns, "title"), 500);
            String borrower = text(line, "borrower_id", field(row, columns, "borrower_id"), 64);
            String contract = text(line, "contract_no", field(row, columns, "contract_no"), 64);
            if (problemCount != before) {
                return;
            }
            if (fileNo.isEmpty() && (fileEpc != null || !title.isEmpty() || !borrower.isEmpty() || !contract.isEmpty())) {
                problem(line, "file_no", "", "a row with file details needs a file number");
                return;
            }
            Box box = box(line, archiveNo, boxEpc, point);
            if (box == null) {
                return;
            }
            if (fileNo.isEmpty()) {
                Integer earlier = bareBoxLine.putIfAbsent(archiveNo, line);
                if (earlier != null) {
                    problem(line, "archive_no", archiveNo, "box " + archiveNo + " is listed again without a file (first on line " + earlier + ")");
                }
                return;
            }
            Integer earlier = fileLine.putIfAbsent(fileNo, line);
            if (earlier != null) {
                problem(line, "file_no", fileNo, "file " + fileNo + " is listed twice (first on line " + earlier + ")");
                return;
            }
            if (fileEpc != null && !claim(line, "file_epc", fileEpc, "file " + fileNo)) {
                return;
            }
            files.add(new File(fileNo, archiveNo, fileEpc, title, borrower, contract, line));
        }

        /** The box of a row: new, or the same as on its earlier rows. */
        private Box box(int line, String archiveNo, Epc epc, StoragePoint point) {
            Box known = boxByNo.get(archiveNo);
            if (known != null) {
                if (!point.equals(known.point())) {
                    problem(line, "point", point.code(), "box " + archiveNo + " is at " + known.point().code()
                            + " on line " + known.line() + ", not " + point.code());
                    return null;
                }
                if (epc != null && !epc.equals(known.epc()) || epc == null && known.epc() != null) {
                    problem(line, "box_epc", epc == null ? "" : epc.hex(), "box " + archiveNo + " has EPC "
                            + (known.epc() == null ? "none" : known.epc().hex()) + " on line " + known.line());
                    return null;
                }
                return known;
            }
            String other = boxAtPoint.get(point);
            if (other != null) {
                problem(line, "point", point.code(), point.code() + " already holds box " + other + "; a storage point holds one box");
                return null;
            }
            if (epc != null && !claim(line, "box_epc", epc, "box " + archiveNo)) {
                return null;
            }
            Box box = new Box(archiveNo, epc, point, line);
            boxByNo.put(archiveNo, box);
            boxAtPoint.put(point, archiveNo);
            boxes.add(box);
            return box;
        }

        private boolean claim(int line, String column, Epc epc, String owner) {
            String other = epcOwner.putIfAbsent(epc, owner);
            if (other != null) {
                problem(line, column, epc.hex(), "EPC " + epc.hex() + " is already on " + other);
                return false;
            }
            return true;
        }

        private static String field(CsvReader.Row row, Map<String, Integer> columns, String column) {
            Integer i = columns.get(column);
            return i == null ? "" : row.fields().get(i).trim();
        }

        private String name(int line, String column, String value, boolean required) {
            if (value.isEmpty()) {
                if (required) {
                    problem(line, column, "", column + " is empty");
                }
                return value;
            }
            if (value.length() > 64) {
                problem(line, column, value.substring(0, 64) + "…", column + " is longer than 64 characters");
            } else if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) || cp == '/' || cp == '?' || cp == '#')) {
                problem(line, column, value, column + " '" + value + "' contains a control character, '/', '?' or '#'");
            }
            return value;
        }

        private String text(int line, String column, String value, int max) {
            if (value.length() > max) {
                problem(line, column, value.substring(0, 32) + "…", column + " is longer than " + max + " characters");
            } else if (value.codePoints().anyMatch(Character::isISOControl)) {
                problem(line, column, "", column + " contains a control character");
            }
            return value;
        }

        private Epc epc(int line, String column, String value) {
            if (value.isEmpty()) {
                return null;
            }
            try {
                return new Epc(value);
            } catch (IllegalArgumentException e) {
                problem(line, column, value, e.getMessage());
                return null;
            }
        }

        private StoragePoint point(int line, String value) {
            if (value.isEmpty()) {
                problem(line, "point", "", "point is empty; every box has a storage point, e.g. C07-A-B03-L2-S05");
                return null;
            }
            try {
                StoragePoint p = StoragePoint.parse(value);
                Optional<String> why = layout.problem(p);
                if (why.isPresent()) {
                    problem(line, "point", value, value + ": " + why.get());
                    return null;
                }
                return p;
            } catch (IllegalArgumentException e) {
                problem(line, "point", value, e.getMessage());
                return null;
            }
        }
    }
}
