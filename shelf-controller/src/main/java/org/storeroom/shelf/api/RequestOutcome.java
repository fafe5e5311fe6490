package org.storeroom.shelf.api;

/**
 * What became of a request to move shelving.
 *
 * @param requestId the request
 * @param status    where it stands
 * @param why       why it was refused or aborted, else {@code null}
 */
public record RequestOutcome(String requestId, Status status, Refusal why) {

    /** A request is accepted or refused; an accepted one later finishes or is aborted. */
    public enum Status { ACCEPTED, REFUSED, FINISHED, ABORTED }
}
