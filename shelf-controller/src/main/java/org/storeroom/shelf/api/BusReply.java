package org.storeroom.shelf.api;

import org.storeroom.bus.ColumnState;

/**
 * A column node's answer to a command.
 *
 * @param ok     whether the node did it (2.04)
 * @param code   the CoAP response code, e.g. {@code 2.04}, {@code 4.03}, or {@code timeout}
 * @param reason the node's diagnostic when refused, else empty
 * @param state  the node's state after the command, or {@code null} when refused or unanswered
 */
public record BusReply(boolean ok, String code, String reason, ColumnState state) {
}
