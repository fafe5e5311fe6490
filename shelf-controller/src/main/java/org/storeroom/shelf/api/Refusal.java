package org.storeroom.shelf.api;

/**
 * A reason with the specifics: which aisle, which column, how old.
 *
 * @param reason the kind
 * @param detail the specifics in English, e.g. {@code "range B aisle 3"}
 */
public record Refusal(Reason reason, String detail) {
    @Override
    public String toString() {
        return reason.en() + " (" + detail + ")";
    }
}
