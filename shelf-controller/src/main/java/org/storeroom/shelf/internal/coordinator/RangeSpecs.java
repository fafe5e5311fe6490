package org.storeroom.shelf.internal.coordinator;

import java.util.ArrayList;
import java.util.List;
import org.storeroom.shelf.api.RangeSpec;
import org.storeroom.shelf.core.RangeModel;
import org.storeroom.shelf.core.RoomModel;

/** The configured ranges ({@link RangeSpec}) as the room model, with the room's column depth and aisle width. */
final class RangeSpecs {
    private RangeSpecs() {
    }

    static RoomModel parse(String[] specs, int depthMm, int aisleMm) {
        List<RangeModel> ranges = new ArrayList<>();
        for (RangeSpec r : RangeSpec.parse(specs)) {
            try {
                ranges.add(new RangeModel(r.name(), r.columns(), depthMm, aisleMm));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ranges entry '" + r.name() + "': " + e.getMessage(), e);
            }
        }
        return new RoomModel(ranges);
    }
}
