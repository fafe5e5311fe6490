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
}
