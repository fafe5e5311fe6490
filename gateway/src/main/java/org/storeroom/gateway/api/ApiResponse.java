package org.storeroom.gateway.api;

/** A JSON answer: status and a body Jackson can write, a {@link Download}, or a {@link Live} stream. */
public record ApiResponse(int status, Object body) {
    /** A file to save rather than JSON: an export. */
    public record Download(String mediaType, String fileName, byte[] content) {
        public Download {
            if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("download name '" + fileName + "' is not 1..100 letters, digits, '.', '_' or '-'");
            }
        }
    }

    /**
     * Server-sent events of a {@link LiveView}: each is named {@code event}, its data the view's JSON.
     *
     * @param event the event name the panel listens for, e.g. {@code room}
     */
    public record Live(String event, LiveView view) {
        public Live {
            if (event == null || !event.matches("[a-z][a-z-]{0,30}")) {
                throw new IllegalArgumentException("live event name '" + event + "' is not 1..31 lower-case letters or '-'");
            }
            java.util.Objects.requireNonNull(view, "view");
        }
    }

    public static ApiResponse live(String event, LiveView view) {
        return new ApiResponse(200, new Live(event, view));
    }

    public static ApiResponse download(String mediaType, String fileName, byte[] content) {
        return new ApiResponse(200, new Download(mediaType, fileName, content));
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }
}
