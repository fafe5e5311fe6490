package org.storeroom.gateway.api;

/** A JSON answer: status and a body Jackson can write, or a {@link Download}. */
public record ApiResponse(int status, Object body) {
    /** A file to save rather than JSON: an export. */
    public record Download(String mediaType, String fileName, byte[] content) {
        public Download {
            if (fileName == null || !fileName.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("download name '" + fileName + "' is not 1..100 letters, digits, '.', '_' or '-'");
            }
        }
    }

    public static ApiResponse download(String mediaType, String fileName, byte[] content) {
        return new ApiResponse(200, new Download(mediaType, fileName, content));
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }
}
