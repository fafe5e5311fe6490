/**
 * The shelving's decision core: pure functions of the room model, the last known state of every column
 * and aisle, and an input, returning the next state and the commands to send. No I/O, no clock, no
 * threads: the coordinator feeds it and carries out what it returns, and tests can drive it through
 * millions of steps or every state of a small range.
 *
 * <p>It decides what may move; it never has to stop anything for safety. Each column's firmware stops
 * by itself on obstruction, emergency stop and an expired lease.
 */
package org.storeroom.shelf.core;
