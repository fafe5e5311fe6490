package org.storeroom.rfid.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.storeroom.rfid.api.Epc;
import org.storeroom.rfid.api.StoragePoint;

/**
 * The outcome of an inventory (盘点): what the index expects in the columns counted, against the tags
 * read there.
 *
 * <ul>
 * <li><b>found</b>: expected and read at its own column;</li>
 * <li><b>missing</b>: expected and not read anywhere;</li>
 * <li><b>misplaced</b>: a known box read at another column than its storage point's (its own, counted
 *     elsewhere, or one whose home is outside the count);</li>
 * <li><b>unexpected</b>: a tag the index does not know.</li>
 * </ul>
 */
public record Reconciliation(List<Box> found, List<Box> missing, List<Misplaced> misplaced, List<Epc> unexpected) {
    /** A box the index knows: its tag, 档号, storage point, and whether it is checked out. */
    public record Box(Epc epc, String archiveNo, StoragePoint point, boolean checkedOut) { }

    /** A box read where it does not belong: {@code seenColumn} is where the reader saw it. */
    public record Misplaced(Box box, int seenColumn) { }

    /**
     * @param expected boxes whose storage points lie in the columns counted (checked-out ones are not
     *                 expected; when one is read anyway it is reported misplaced)
     * @param seen     each tag read during the count, with the column it was read at
     * @param known    looks up a tag not in {@code expected}: a box of the index elsewhere, or empty
     */
    public static Reconciliation of(Collection<Box> expected, Map<Epc, Integer> seen, Function<Epc, Optional<Box>> known) {
        Map<Epc, Box> byEpc = new HashMap<>(expected.size() * 2);
        for (Box b : expected) {
            byEpc.put(b.epc(), b);
        }
        List<Box> found = new ArrayList<>();
        List<Box> missing = new ArrayList<>();
        List<Misplaced> misplaced = new ArrayList<>();
        List<Epc> unexpected = new ArrayList<>();
        for (Box b : expected) {
            Integer at = seen.get(b.epc());
            if (at == null) {
                missing.add(b);
            } else if (at == b.point().column()) {
                found.add(b);
            } else {
                misplaced.add(new Misplaced(b, at));
            }
        }
        for (Map.Entry<Epc, Integer> s : seen.entrySet()) {
            if (byEpc.containsKey(s.getKey())) {
                continue;
            }
            Optional<Box> other = known.apply(s.getKey());
            if (other.isPresent()) {
                misplaced.add(new Misplaced(other.get(), s.getValue()));
            } else {
                unexpected.add(s.getKey());
            }
        }
        return new Reconciliation(found, missing, misplaced, unexpected);
    }
}
