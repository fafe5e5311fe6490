package org.storeroom.node.sensor;

import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.storeroom.bus.BusResources;
import org.storeroom.bus.RelayCommand;
import org.storeroom.node.Negotiation;

/**
 * {@code /outputs}: the relays, GET and Observe; {@code PUT} a {@link RelayCommand}. 2.04 with the relay
 * states; 4.00 naming the bad field; 4.03 with the reason (a relay not fitted, or held off by the fire
 * interlock); 4.15 for a content-format other than JSON or CBOR.
 */
final class OutputsResource extends Observed {
    private final SensorNode node;

    OutputsResource(SensorNode node, int maxAgeS) {
        super(BusResources.OUTPUTS, "storeroom.sensor.outputs", maxAgeS, node::relays);
        this.node = node;
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        RelayCommand c = Negotiation.command(exchange, node.server(), RelayCommand.class);
        if (c == null) {
            return;
        }
        Optional<String> refused = node.switchRelays(c);
        if (refused.isPresent()) {
            exchange.respond(ResponseCode.FORBIDDEN, refused.get(), MediaTypeRegistry.TEXT_PLAIN);
        } else {
            Negotiation.respond(exchange, ResponseCode.CHANGED, node.relays());
        }
    }
}
