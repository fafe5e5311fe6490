package org.storeroom.rfid.core;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as spreadsheets write it (RFC 4180): comma separated, fields in double quotes may hold
 * commas, quotes (doubled) and line breaks; CRLF or LF; a UTF-8 byte order mark at the start is skipped.
 * Fields and records are bounded so that a broken file cannot exhaust memory.
 */
public final class CsvReader {
    /** A record and the line it starts on (1-based), for error messages. */
    public record Row(int line, List<String> fields) { }

    /** A file that is not CSV, with the line where it went wrong. */
    public static final class CsvException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        CsvException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    static final int MAX_FIELD = 4096;
    static final int MAX_FIELDS = 64;

    private final Reader in;
    private int line = 1;
    private int peeked = -2;
    private boolean started;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /** @return the next record, or {@code null} at the end; blank lines are skipped */
    public Row next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (peek() == '\n' || peek() == '\r') {
            endOfLine();
        }
        if (peek() == -1) {
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = peek();
            if (c == '"' && field.length() == 0) {
                read();
                quoted(field, start);
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw new CsvException(line, "'" + (char) c + "' after a closing quote; a quote inside a quoted field is written \"\"");
                }
            } else if (c == ',') {
                read();
                add(fields, field, start);
            } else if (c == '\n' || c == '\r' || c == -1) {
                add(fields, field, start);
                if (c != -1) {
                    endOfLine();
                }
                return new Row(start, fields);
            } else {
                read();
                append(field, (char) c, start);
            }
        }
    }

    private void quoted(StringBuilder field, int start) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                throw new CsvException(start, "a quoted field is never closed");
            }
            if (c == '"') {
                if (peek() != '"') {
                    return;
                }
                read();
            } else if (c == '\n') {
                line++;
            }
            append(field, (char) c, start);
        }
    }

    private void add(List<String> fields, StringBuilder field, int start) throws CsvException {
        if (fields.size() == MAX_FIELDS) {
            throw new CsvException(start, "more than " + MAX_FIELDS + " fields");
        }
        fields.add(field.toString());
        field.setLength(0);
    }

    private void append(StringBuilder field, char c, int start) throws CsvException {
        if (field.length() == MAX_FIELD) {
            throw new CsvException(start, "a field is longer than " + MAX_FIELD + " characters");
        }
        field.append(c);
    }

    private void endOfLine() throws IOException {
        if (read() == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        return c;
    }
}
