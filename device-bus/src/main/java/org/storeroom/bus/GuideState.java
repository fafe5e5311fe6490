package org.storeroom.bus;

/**
 * What a column node's guide indicator shows: dark, or the bay/layer lit and for how much longer.
 *
 * @param column      column number
 * @param lit         whether an indicator is lit
 * @param side        the lit indicator's side, or {@code null}
 * @param bay         its bay, or {@code null}
 * @param layer       its layer, or {@code null}
 * @param remainingMs how long it stays lit, 0 when dark
 */
public record GuideState(int column, boolean lit, String side, Integer bay, Integer layer, long remainingMs) {
    public GuideState {
        Checks.range("column", column, 1, 999);
        Checks.atLeast("remainingMs", remainingMs, 0);
    }
}
