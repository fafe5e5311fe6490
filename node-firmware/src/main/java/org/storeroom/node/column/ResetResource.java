package org.storeroom.node.column;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;

/**
 * {@code POST /reset}: clears a latched stop once its cause is gone. Never starts motion: the movement
 * that was running is forgotten. 2.04 with the state; 4.03 while a safety input is still tripped.
 */
final class ResetResource extends CoapResource {
    private final ColumnNode node;

    ResetResource(ColumnNode node) {
        super(BusResources.RESET);
        this.node = node;
        getAttributes().addResourceType("storeroom.column.reset");
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        String plain = node.server().refusePlain(exchange);
        if (plain != null) {
            exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.UNAUTHORIZED, plain,
                    org.eclipse.californium.core.coap.MediaTypeRegistry.TEXT_PLAIN);
            return;
        }
        MotionResource.answer(exchange, node.reset(), node);
    }
}
