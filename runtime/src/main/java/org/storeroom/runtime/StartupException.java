package org.storeroom.runtime;

/**
 * The runtime cannot start. The message is one line a person can act on, naming the thing and the
 * value; {@link #exitCode()} is 2 for bad input (options, files, directories, ports) and 1 otherwise.
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private StartupException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: an option, a directory, a port or a configuration file. */
    public static StartupException badInput(String message) {
        return new StartupException(message, 2, null);
    }

    /** Bad input, with what the library said about it. */
    public static StartupException badInput(String message, Throwable cause) {
        return new StartupException(message, 2, cause);
    }

    /** Something failed while starting. */
    public static StartupException failed(String message, Throwable cause) {
        return new StartupException(message, 1, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
