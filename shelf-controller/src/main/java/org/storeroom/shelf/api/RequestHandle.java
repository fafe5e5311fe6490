package org.storeroom.shelf.api;

import java.util.concurrent.CompletionStage;

/**
 * A request to move shelving, as it goes.
 *
 * @param requestId the id given to the request
 * @param decision  completes with ACCEPTED or REFUSED
 * @param end       completes with REFUSED, FINISHED or ABORTED
 */
public record RequestHandle(String requestId, CompletionStage<RequestOutcome> decision, CompletionStage<RequestOutcome> end) {
}
