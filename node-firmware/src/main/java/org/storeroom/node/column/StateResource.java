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
    /** Seconds an observer may go without a notification before it re-registers; heartbeats come every 0.5 s. */
    static final int MAX_AGE_S = 2;
    private final Supplier<ColumnState> state;
    private final Negotiation.Encoded encoded;

    StateResource(Supplier<ColumnState> state, Negotiation.Encoded encoded) {
        super(BusResources.STATE);
        this.state = state;
        this.encoded = encoded;
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
        // A short Max-Age: an observer that hears nothing for this long re-registers (e.g. after a reboot).
        exchange.setMaxAge(MAX_AGE_S);
        Negotiation.respond(exchange, ResponseCode.CONTENT, state.get(), encoded);
    }
}
