package org.storeroom.shelf.internal.bus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DeviceBusClient.PID, name = "Shelf device bus",
        description = "How the gateway reaches the column controller boards over CoAP.")
@interface DeviceBusConfig {
    @AttributeDefinition(name = "Column nodes",
            description = "One entry per column: COLUMN=coap://HOST:PORT, e.g. 7=coap://192.168.10.7:5683.")
    String[] columnNodes() default {};

    @AttributeDefinition(name = "Poll interval (ms)", min = "100", max = "60000",
            description = "How often each node's health is asked for.")
    int pollIntervalMs() default 1000;

    @AttributeDefinition(name = "Freshness limit (ms)", min = "200", max = "600000",
            description = "A node whose last answer is older than this is offline, and its column is not moved.")
    int freshnessMs() default 3000;

    @AttributeDefinition(name = "CoAP ACK timeout (ms)", min = "10", max = "10000",
            description = "First retransmission timeout on the bus. The bus is a wired LAN: keep it short.")
    int ackTimeoutMs() default 200;

    @AttributeDefinition(name = "Key file (secure mode)",
            description = "Path of the file with each column node's pre-shared key (column-N=HEX, readable only by the gateway). "
                    + "Nodes configured as coaps://HOST:5684 are reached over DTLS with their key; empty: plain CoAP only.")
    String pskFile() default "";

    @AttributeDefinition(name = "CoAP retransmissions", min = "0", max = "8",
            description = "Retransmissions before a request to a node counts as failed.")
    int maxRetransmit() default 2;
}
