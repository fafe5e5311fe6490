package org.storeroom.gateway.api;

/** The store could not do what was asked: the database failed, or the work inside a transaction did. */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
