package org.storeroom.bus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes and decodes bus payloads as JSON (CoAP content-format 50) or CBOR (60).
 *
 * <p>Decoding is strict about what it needs and lenient about what it does not know: unknown fields
 * are ignored so that a newer node can talk to an older gateway, while a missing or out-of-range field
 * fails with a {@link PayloadException} naming it. Every field of a record must be present (nullable
 * ones as {@code null}): a node that omits its obstruction inputs must not read as unobstructed. Instances are immutable and thread-safe.
 */
public final class BusCodec {
    /** CoAP content-format of JSON (RFC 7252 §12.3). */
    public static final int JSON = 50;
    /** CoAP content-format of CBOR (RFC 7049). */
    public static final int CBOR = 60;
    /** Largest payload accepted, in bytes: a node's state fits in a few hundred. */
    public static final int MAX_PAYLOAD = 4096;

    private static final Pattern CREATOR_PROPERTY = Pattern.compile("creator property '([^']+)'");
    private static final BusCodec INSTANCE = new BusCodec();

    private final ObjectMapper json;
    private final ObjectMapper cbor;

    private BusCodec() {
        json = configure(new ObjectMapper());
        cbor = configure(new CBORMapper());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    }

    /** @return the shared codec. */
    public static BusCodec get() {
        return INSTANCE;
    }

    /** @return whether a content-format is one this codec reads and writes. */
    public static boolean supports(int contentFormat) {
        return contentFormat == JSON || contentFormat == CBOR;
    }

    /**
     * @param value         a payload record
     * @param contentFormat {@link #JSON} or {@link #CBOR}
     * @return the encoded bytes
     */
    public byte[] encode(Object value, int contentFormat) {
        try {
            return mapper(contentFormat).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param payload       bytes received from the bus
     * @param contentFormat the content-format option of the message
     * @param type          the payload record expected
     * @return the validated record
     * @throws PayloadException naming the field when the payload is unreadable, incomplete or out of range
     */
    public <T> T decode(byte[] payload, int contentFormat, Class<T> type) {
        if (!supports(contentFormat)) {
            throw new PayloadException("content-format", contentFormat + " is not JSON (50) or CBOR (60)");
        }
        if (payload == null || payload.length == 0) {
            throw new PayloadException("payload", "is empty");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new PayloadException("payload", payload.length + " bytes, at most " + MAX_PAYLOAD);
        }
        try {
            T value = mapper(contentFormat).readValue(payload, type);
            if (value == null) {
                throw new PayloadException("payload", "is null");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof PayloadException p) {
                throw p;
            }
            throw new PayloadException("payload", oneLine(e), e);
        } catch (MismatchedInputException e) {
            throw new PayloadException(fieldOf(e), oneLine(e), e);
        } catch (JacksonException e) {
            throw new PayloadException("payload", oneLine(e), e);
        } catch (IOException e) {
            throw new PayloadException("payload", "unreadable: " + e.getMessage(), e);
        }
    }

    private ObjectMapper mapper(int contentFormat) {
        return contentFormat == CBOR ? cbor : json;
    }

    /** The field a mismatch is about: the JSON path's last name, or the creator property named in the message. */
    private static String fieldOf(MismatchedInputException e) {
        if (!e.getPath().isEmpty() && e.getPath().get(e.getPath().size() - 1).getFieldName() != null) {
            return e.getPath().get(e.getPath().size() - 1).getFieldName();
        }
        Matcher m = CREATOR_PROPERTY.matcher(String.valueOf(e.getOriginalMessage()));
        return m.find() ? m.group(1) : "payload";
    }

    private static String oneLine(JacksonException e) {
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
    }
}
