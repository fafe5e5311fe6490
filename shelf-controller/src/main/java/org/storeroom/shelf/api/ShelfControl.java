package org.storeroom.shelf.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Moving the shelving: what the panel, the column buttons and allowed central commands ask for. Every
 * request passes every interlock; who may ask for what (roles) is decided before this. Nothing here
 * blocks: requests are decided on the coordinator's thread and reported through the handle.
 *
 * @param origin on every method: who and where from, e.g. {@code panel:li.wei} or {@code button:column-7},
 *               recorded with the decision
 */
@ProviderType
public interface ShelfControl {
    /** Opens aisle {@code aisle} (1..columns of the range) of range {@code range}. */
    RequestHandle openAisle(String range, int aisle, String origin);

    /** Spreads a range evenly so air reaches the files. */
    RequestHandle ventilate(String range, String origin);

    /**
     * Fire park, when the configuration enables it (it is off by default): in fire mode, spreads every range
     * to even gaps so extinguishing gas reaches every face. Each range moves only if every one of its
     * aisles is clear and its gaps come to at least 150 mm, and stops the moment anyone enters one.
     * Refused outside fire mode.
     *
     * @return one handle per range; none when fire park is off
     */
    List<RequestHandle> firePark(String origin);

    /** Maintenance: moves one column to {@code targetMm}. */
    RequestHandle jog(int column, int targetMm, String origin);

    /** Changes mode; any change stops what is under way. */
    void setMode(ShelfMode mode, String origin);

    /** Clears a column's latched stop, once its cause is gone; never starts motion. */
    void resetColumn(int column, String origin);

    /** Stops every column now. */
    void stopAll(String origin);

    /** @return the mode now */
    ShelfMode mode();
}
