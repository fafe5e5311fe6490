package org.storeroom.node;

import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.NodeHealth;

/** {@code /health}: identity, firmware, uptime and faults of a node. */
public final class HealthResource extends CoapResource {
    private final Supplier<NodeHealth> health;

    public HealthResource(Supplier<NodeHealth> health) {
        super(BusResources.HEALTH);
        this.health = health;
        getAttributes().addResourceType(BusResources.RT_HEALTH);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
        getAttributes().addContentType(MediaTypeRegistry.APPLICATION_CBOR);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Negotiation.respond(exchange, ResponseCode.CONTENT, health.get());
    }
}
