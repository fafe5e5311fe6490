package org.storeroom.node.column;

import java.util.Optional;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.node.Negotiation;

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
        Optional<String> refused = node.reset();
        if (refused.isPresent()) {
            exchange.respond(ResponseCode.FORBIDDEN, refused.get(), MediaTypeRegistry.TEXT_PLAIN);
        } else {
            Negotiation.respond(exchange, ResponseCode.CHANGED, node.state());
        }
        node.notifyObservers(); // a refusal may have changed the state too (a reset that latched a trip)
    }
}
