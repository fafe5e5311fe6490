package org.storeroom.node;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusCodec;

/** Answers a request in the content-format it accepts: JSON unless it asks for CBOR. */
public final class Negotiation {
    private Negotiation() {
    }

    /**
     * Responds with {@code payload} encoded as the request accepts, or 4.06 naming the formats on offer.
     */
    public static void respond(CoapExchange exchange, ResponseCode code, Object payload) {
        int accept = exchange.getRequestOptions().getAccept();
        int format = accept == MediaTypeRegistry.UNDEFINED ? BusCodec.JSON : accept;
        if (!BusCodec.supports(format)) {
            exchange.respond(ResponseCode.NOT_ACCEPTABLE,
                    "accept: content-format " + accept + " is not offered; use 50 (JSON) or 60 (CBOR)",
                    MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        exchange.respond(code, BusCodec.get().encode(payload, format), format);
    }

    /**
     * Responds with {@code payload} as {@link #respond(CoapExchange, ResponseCode, Object)} does, reusing
     * its encoding from {@code last} when the same object was encoded in the same format before.
     */
    public static void respond(CoapExchange exchange, ResponseCode code, Object payload, Encoded last) {
        int accept = exchange.getRequestOptions().getAccept();
        int format = accept == MediaTypeRegistry.UNDEFINED ? BusCodec.JSON : accept;
        if (!BusCodec.supports(format)) {
            respond(exchange, code, payload); // answers 4.06
            return;
        }
        exchange.respond(code, last.bytes(payload, format), format);
    }

    /**
     * The last encoding of a value that is answered again and again unchanged, as a standing column's
     * state is to every STOP, poll and heartbeat: encoded once, not fifty times a second. Keyed by the
     * object itself, so its owner must hand out a new object whenever the value changes.
     */
    public static final class Encoded {
        private record Entry(Object value, int format, byte[] bytes) { }

        private volatile Entry last;

        byte[] bytes(Object value, int format) {
            Entry e = last;
            if (e == null || e.value != value || e.format != format) {
                e = new Entry(value, format, BusCodec.get().encode(value, format));
                last = e;
            }
            return e.bytes;
        }
    }

    /**
     * Reads a command from a request: in secure mode only from a peer that proved its key over DTLS, in
     * JSON or CBOR, checked field by field.
     *
     * @return the command, or {@code null} after answering 4.01 (plain in secure mode), 4.15 (another
     *         format) or 4.00 (naming the bad field)
     */
    public static <T> T command(CoapExchange exchange, NodeServer server, Class<T> type) {
        String plain = server.refusePlain(exchange);
        if (plain != null) {
            exchange.respond(ResponseCode.UNAUTHORIZED, plain, MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
        int format = exchange.getRequestOptions().getContentFormat();
        if (!BusCodec.supports(format)) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "content-format " + format + " is not JSON (50) or CBOR (60)", MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
        try {
            return BusCodec.get().decode(exchange.getRequestPayload(), format, type);
        } catch (org.storeroom.bus.PayloadException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return null;
        }
    }
}
