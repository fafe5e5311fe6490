package org.storeroom.gateway.api;

/** A JSON answer: status and a body Jackson can write. */
public record ApiResponse(int status, Object body) {
    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }
}
