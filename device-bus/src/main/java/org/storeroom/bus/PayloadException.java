package org.storeroom.bus;

/**
 * A payload from the bus that cannot be accepted. The message names the field and the value so that a
 * 4.00 diagnostic or a log line says exactly what was wrong.
 */
public final class PayloadException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public PayloadException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public PayloadException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** @return the offending field, or {@code "payload"} when the payload as a whole is unreadable. */
    public String field() {
        return field;
    }
}
