package org.storeroom.node.sensor;

import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.node.Negotiation;

/**
 * A sensor node resource served by GET and Observe, with confirmable notifications (a fire signal must
 * reach the gateway, or the gateway must learn it did not) and a Max-Age after which a silent observer
 * re-registers.
 */
class Observed extends CoapResource {
    private final Supplier<Object> value;
    private final int maxAgeS;

    Observed(String name, String resourceType, int maxAgeS, Supplier<Object> value) {
        super(name);
        this.value = value;
        this.maxAgeS = maxAgeS;
        setObservable(true);
        setObserveType(Type.CON);
        getAttributes().setObservable();
        getAttributes().addResourceType(resourceType);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        exchange.setMaxAge(maxAgeS);
        Negotiation.respond(exchange, ResponseCode.CONTENT, value.get());
    }
}
