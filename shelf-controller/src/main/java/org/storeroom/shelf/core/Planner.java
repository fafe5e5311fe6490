package org.storeroom.shelf.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.storeroom.shelf.core.CoreState.Step;

/**
 * Orders the moves that bring a range from its positions to target positions, one column at a time,
 * so that no column ever needs space another column still holds: carriages cannot pass each other, so
 * a column moves only once the room in front of it (towards its target) is free.
 */
final class Planner {
    private Planner() {
    }

    /**
     * @param current positions by rail index (index 0, the fixed column, at 0)
     * @param target  target positions by rail index
     * @return the moves in a safe order, or empty when there is none (targets or positions inconsistent)
     */
    static Optional<List<Step>> plan(RangeModel r, int[] current, int[] target, int toleranceMm) {
        int n = r.size();
        int[] pos = current.clone();
        List<Step> steps = new ArrayList<>();
        boolean[] done = new boolean[n];
        done[0] = true;
        for (int i = 1; i < n; i++) {
            done[i] = Math.abs(pos[i] - target[i]) <= toleranceMm;
            if (done[i]) {
                // Within tolerance counts as there; the move itself is clamped to the real room at issue time.
                pos[i] = target[i];
            }
        }
        while (true) {
            int pick = -1;
            // Forward movers from the far end inward, then backward movers from the fixed column outward.
            for (int i = n - 1; i >= 1 && pick < 0; i--) {
                if (!done[i] && target[i] > pos[i] && target[i] <= limitAhead(r, pos, i)) {
                    pick = i;
                }
            }
            for (int i = 1; i < n && pick < 0; i++) {
                if (!done[i] && target[i] < pos[i] && target[i] >= pos[i - 1] + r.depthMm()) {
                    pick = i;
                }
            }
            if (pick < 0) {
                for (int i = 1; i < n; i++) {
                    if (!done[i]) {
                        return Optional.empty();
                    }
                }
                return Optional.of(steps);
            }
            steps.add(new Step(r.columns().get(pick), target[pick]));
            pos[pick] = target[pick];
            done[pick] = true;
        }
    }

    /** The furthest forward column {@code i} can go with the others where they are. */
    static int limitAhead(RangeModel r, int[] pos, int i) {
        return i + 1 < r.size() ? pos[i + 1] - r.depthMm() : r.maxPosition(i);
    }

    /** Whether positions are physically possible: on the rail, in order, not overlapping (within tolerance). */
    static boolean consistent(RangeModel r, int[] pos, int toleranceMm) {
        for (int i = 1; i < r.size(); i++) {
            if (pos[i] < r.minPosition(i) - toleranceMm || pos[i] > r.maxPosition(i) + toleranceMm
                    || pos[i] - pos[i - 1] < r.depthMm() - toleranceMm) {
                return false;
            }
        }
        return true;
    }
}
