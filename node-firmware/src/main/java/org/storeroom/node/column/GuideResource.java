package org.storeroom.node.column;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.GuideCommand;
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
        GuideCommand c = Negotiation.command(exchange, node.server(), GuideCommand.class);
        if (c == null) {
            return;
        }
        Negotiation.respond(exchange, ResponseCode.CHANGED, node.guide(c));
    }
}
