package org.storeroom.node.column;

import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.ColumnState;
import org.storeroom.node.Negotiation;

/** {@code /state}: the column's live state, GET and Observe (notifications are confirmable). */
final class StateResource extends CoapResource {
    private final Supplier<ColumnState> state;

    StateResource(Supplier<ColumnState> state) {
        super(BusResources.STATE);
        this.state = state;
        setObservable(true);
        // Confirmable notifications: a stop must reach the gateway or the gateway must learn it did not.
        setObserveType(Type.CON);
        getAttributes().setObservable();
        getAttributes().addResourceType(BusResources.RT_COLUMN_STATE);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Negotiation.respond(exchange, ResponseCode.CONTENT, state.get());
    }
}
