package org.storeroom.gateway.api;

/** An API error as {@code {error, message}} with its status; the message in the caller's language where it has one. */
public class ApiException extends Exception implements Bilingual {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;
    private final String zh;

    public ApiException(int status, String error, String message) {
        this(status, error, message, null);
    }

    /** @param zh the message in Chinese, or {@code null} to answer in English only */
    public ApiException(int status, String error, String message, String zh) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.zh = zh;
    }

    /** The API's answer to a domain error: 404 {@link Bilingual.NotFound}, 400 bad input, 409 refused; in both languages. */
    public static ApiException of(RuntimeException e) {
        String zh = e instanceof Bilingual b ? b.messageZh() : null;
        if (e instanceof Bilingual.NotFound) {
            return new ApiException(404, "not_found", e.getMessage(), zh);
        }
        if (e instanceof IllegalArgumentException) {
            return new ApiException(400, "bad_request", e.getMessage(), zh);
        }
        return new ApiException(409, "refused", e.getMessage(), zh);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    @Override
    public String messageZh() {
        return zh;
    }

    /** 400, naming the field and what is wrong with its value. */
    public static ApiException badRequest(String field, String problem) {
        return new ApiException(400, "bad_request", field + " " + problem);
    }

    /** 400 in both languages. */
    public static ApiException badRequest(String field, String problem, String zh) {
        return new ApiException(400, "bad_request", field + " " + problem, zh);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " does not exist");
    }

    /** 409: refused by an interlock or by the state of things, with the reason. */
    public static ApiException refused(String reason) {
        return new ApiException(409, "refused", reason);
    }

    /** 409 in both languages. */
    public static ApiException refused(String reason, String zh) {
        return new ApiException(409, "refused", reason, zh);
    }
}
