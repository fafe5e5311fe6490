package org.storeroom.shelf.api;

/** Operating modes of the shelving. */
public enum ShelfMode {
    /** Aisles open on request. */
    NORMAL,
    /** Evenly spaced gaps so air reaches the files (scheduled, e.g. at night); aisle requests still served. */
    VENTILATION,
    /** Park / night lock: nothing moves. */
    LOCKED,
    /** A technician jogs single columns; no aisle requests. */
    MAINTENANCE,
    /** Fire: everything stopped, every request refused, until facilities staff leave fire mode. */
    FIRE;

    /** @return whether aisle and ventilation requests may move columns in this mode. */
    public boolean servesRequests() {
        return this == NORMAL || this == VENTILATION;
    }
}
