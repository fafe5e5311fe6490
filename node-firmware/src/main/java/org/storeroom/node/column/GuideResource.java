package org.storeroom.node.column;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusCodec;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.GuideCommand;
import org.storeroom.bus.PayloadException;
import org.storeroom.node.Negotiation;

/**
 * {@code /guide}: GET what the indicator shows; POST a {@link GuideCommand} to light a bay/layer for a
 * while (2.04 with the guide state; 4.00 naming the bad field; 4.15 for other formats). Light only:
 * nothing here can move the column.
 */
final class GuideResource extends CoapResource {
    private final ColumnNode node;

    GuideResource(ColumnNode node) {
        super(BusResources.GUIDE);
        this.node = node;
        getAttributes().addResourceType("storeroom.column.guide");
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Negotiation.respond(exchange, ResponseCode.CONTENT, node.guide());
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        String plain = node.server().refusePlain(exchange);
        if (plain != null) {
            exchange.respond(ResponseCode.UNAUTHORIZED, plain, MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        int format = exchange.getRequestOptions().getContentFormat();
        if (!BusCodec.supports(format)) {
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "content-format " + format + " is not JSON (50) or CBOR (60)", MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        GuideCommand c;
        try {
            c = BusCodec.get().decode(exchange.getRequestPayload(), format, GuideCommand.class);
        } catch (PayloadException e) {
            exchange.respond(ResponseCode.BAD_REQUEST, e.getMessage(), MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        Negotiation.respond(exchange, ResponseCode.CHANGED, node.guide(c));
    }
}
