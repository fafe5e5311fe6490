package org.storeroom.rfid.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.storeroom.rfid.api.StoragePoint;

/**
 * The simulated room's catalogue, as the real centre's holdings were counted: 9,231 boxes of loan files
 * from 2012 to 2019 holding 65,772 files, spread evenly over the room's storage points, each box tagged,
 * each file linked to its borrower's ID number and loan contract number (several loans per borrower, so
 * the 一户式 query finds more than one archive). Always the same for the same arguments. The numbers are
 * made up and follow no real person.
 */
public final class DemoCatalogue {
    public static final int BOXES = 9_231;
    public static final int FILES = 65_772;

    private DemoCatalogue() {
    }

    /** @return the catalogue as CSV with an English header */
    public static String csv(ShelvingLayout layout, int boxes, int files, long seed) {
        List<StoragePoint> points = points(layout);
        if (boxes > points.size()) {
            throw new IllegalArgumentException(boxes + " boxes do not fit in the room's " + points.size() + " storage points");
        }
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(files * 90 + 100);
        sb.append("archive_no,box_epc,point,file_no,title,borrower_id,contract_no\n");
        int file = 0;
        for (int b = 0; b < boxes; b++) {
            int year = 2012 + (int) ((long) b * 8 / boxes);
            String archiveNo = String.format("0435-DK·%d-Y-%05d", year, b + 1);
            String epc = String.format("E2801160%016X", 0x2000_0000L + b);
            StoragePoint p = points.get((int) ((long) b * points.size() / boxes));
            int inBox = files / boxes + (b < files % boxes ? 1 : 0);
            for (int f = 0; f < inBox; f++, file++) {
                int borrower = random.nextInt(Math.max(1, files * 2 / 3));
                sb.append(archiveNo).append(',').append(epc).append(',').append(p.code()).append(',')
                        .append(String.format("DK%d-%06d", year, file + 1)).append(',')
                        .append("个人住房公积金贷款 ").append(String.format("WF%d%06d", year, file + 1)).append(',')
                        .append(idNumber(borrower)).append(',')
                        .append(String.format("WF%d%06d", year, file + 1)).append('\n');
            }
            if (inBox == 0) {
                sb.append(archiveNo).append(',').append(epc).append(',').append(p.code()).append(",,,,\n");
            }
        }
        return sb.toString();
    }

    /** @return every storage point of the room, in order */
    public static List<StoragePoint> points(ShelvingLayout layout) {
        List<StoragePoint> out = new ArrayList<>();
        for (var r : layout.ranges()) {
            for (int column : r.columns()) {
                for (StoragePoint.Side side : StoragePoint.Side.values()) {
                    StoragePoint first = new StoragePoint(column, side, 1, 1, 1);
                    if (layout.problem(first).isPresent()) {
                        continue;
                    }
                    for (int bay = 1; bay <= layout.bays(); bay++) {
                        for (int layer = 1; layer <= layout.layers(); layer++) {
                            for (int slot = 1; slot <= layout.slots(); slot++) {
                                out.add(new StoragePoint(column, side, bay, layer, slot));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** An 18-character ID number of the form used in China (region 370700, a birth date, a check character), made up. */
    static String idNumber(int n) {
        String base = String.format("370700%04d%02d%02d%03d", 1960 + n % 40, 1 + n / 40 % 12, 1 + n / 480 % 28, n % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (base.charAt(i) - '0') * weights[i];
        }
        return base + "10X98765432".charAt(sum % 11);
    }
}
