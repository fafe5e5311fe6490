package org.storeroom.node.column;

import java.util.Optional;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.MotionCommand;
import org.storeroom.node.Negotiation;

/**
 * {@code POST /motion}: move under a lease, renew, stop. 2.04 with the new state; 4.00 naming the bad
 * field; 4.03 with the reason a move is refused; 4.15 for a content-format other than JSON or CBOR.
 */
final class MotionResource extends CoapResource {
    private final ColumnNode node;

    MotionResource(ColumnNode node) {
        super(BusResources.MOTION);
        this.node = node;
        getAttributes().addResourceType("storeroom.column.motion");
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        MotionCommand c = Negotiation.command(exchange, node.server(), MotionCommand.class);
        if (c == null) {
            return;
        }
        answer(exchange, node.command(c), node);
    }

    /**
     * Answers a command: 4.03 with the reason it was refused, else 2.04 with the state; then observers hear
     * of any change (a refusal may have changed the state too, as a reset that latched a trip).
     */
    static void answer(CoapExchange exchange, Optional<String> refused, ColumnNode node) {
        if (refused.isPresent()) {
            exchange.respond(ResponseCode.FORBIDDEN, refused.get(), MediaTypeRegistry.TEXT_PLAIN);
        } else {
            Negotiation.respond(exchange, ResponseCode.CHANGED, node.state(), node.encodedState());
        }
        node.notifyObservers();
    }
}
