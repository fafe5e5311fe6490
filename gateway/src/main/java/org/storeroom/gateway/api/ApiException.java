package org.storeroom.gateway.api;

/** An API error as {@code {error, message}} with its status. */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** 400, naming the field and what is wrong with its value. */
    public static ApiException badRequest(String field, String problem) {
        return new ApiException(400, "bad_request", field + " " + problem);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " does not exist");
    }

    /** 409: refused by an interlock or by the state of things, with the reason. */
    public static ApiException refused(String reason) {
        return new ApiException(409, "refused", reason);
    }
}
