package org.storeroom.gateway.internal.uplink;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = UplinkComponent.PID, name = "Store room uplink",
        description = "How the gateway reaches the central archive service over MQTT. Events wait in the "
                + "gateway's database until the broker has acknowledged them.")
@interface UplinkConfig {
    @AttributeDefinition(name = "Broker URL",
            description = "tcp://HOST:PORT, or ssl://HOST:PORT for TLS. Empty: keep events in the outbox and send nothing.")
    String brokerUrl() default "";

    @AttributeDefinition(name = "Site id", description = "Topic level naming the archive centre, e.g. gjj-nanning.")
    String site() default "site";

    @AttributeDefinition(name = "Room id", description = "Topic level naming this store room, e.g. room-1.")
    String room() default "room";

    @AttributeDefinition(name = "Client id", required = false,
            description = "MQTT client id. Empty: storeroom- followed by the database's instance id.")
    String clientId() default "";

    @AttributeDefinition(name = "User name", required = false, description = "Empty: connect without a user name.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "The broker password for the user name; never written to the log.")
    String password() default "";

    @AttributeDefinition(name = "CA certificates (PEM file)", required = false,
            description = "Certificates the broker's certificate must chain to. Empty: the Java default trust store.")
    String caFile() default "";

    @AttributeDefinition(name = "Client certificate (PEM file)", required = false,
            description = "This gateway's certificate chain, for brokers that require client certificates.")
    String certFile() default "";

    @AttributeDefinition(name = "Client key (PEM file, PKCS#8)", required = false,
            description = "The private key of the client certificate, unencrypted PKCS#8 (BEGIN PRIVATE KEY).")
    String keyFile() default "";

    @AttributeDefinition(name = "Messages in flight", min = "1", max = "1000",
            description = "Messages sent and not yet acknowledged by the broker, at most.")
    int inflightWindow() default 64;

    @AttributeDefinition(name = "Outbox capacity (messages)", min = "1000", max = "100000000",
            description = "Past this many unacknowledged messages telemetry is shed (counted and logged); "
                    + "events and index changes are always kept.")
    int outboxCapacity() default 2_000_000;

    @AttributeDefinition(name = "Outbox alarm (percent)", min = "10", max = "100",
            description = "An alarm is raised when the outbox is this full.")
    int outboxAlarmPercent() default 80;

    @AttributeDefinition(name = "Keep-alive (s)", min = "5", max = "3600",
            description = "MQTT keep-alive: how soon a silent connection counts as lost.")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(name = "Reconnect delay, first (ms)", min = "50", max = "60000",
            description = "Wait before the first reconnect attempt; it doubles after each failure.")
    int reconnectMinMs() default 500;

    @AttributeDefinition(name = "Reconnect delay, longest (ms)", min = "100", max = "600000",
            description = "The longest wait between reconnect attempts.")
    int reconnectMaxMs() default 30_000;

    @AttributeDefinition(name = "Commands accepted from the central system",
            description = "Names of the commands carried out when received on .../cmd/NAME; any other is refused.")
    String[] commands() default {"index.resync", "locate", "inventory.start", "shelves.lock", "shelves.unlock"};

    @AttributeDefinition(name = "Allow shelf motion from outside the room",
            description = "Commands that move shelving are refused unless this is on; even then every interlock applies.")
    boolean allowMotionCommands() default false;
}
