package org.storeroom.rfid.internal.warehouse;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = WarehouseConfig.PID, name = "Virtual warehouse",
        description = "The room's storage points (as the shelving is configured), boxes and files, check-out and inventory.")
public @interface WarehouseConfig {
    String PID = "org.storeroom.rfid.warehouse";

    @AttributeDefinition(description = "Ranges as NAME:COLUMNS in rail order, the fixed column first; the same as the shelf coordinator's.")
    String[] ranges() default {"A:1-9", "B:10-18", "C:19-27", "D:28-36", "E:37-45"};

    @AttributeDefinition(min = "1", max = "99", description = "Bays (节) per column side.")
    int bays() default 6;

    @AttributeDefinition(min = "1", max = "99", description = "Layers (层) per bay.")
    int layers() default 6;

    @AttributeDefinition(min = "1", max = "999", description = "Box slots per layer.")
    int slots() default 12;

    @AttributeDefinition(description = "Each range's fixed column stands against a wall, so it has no side A.")
    boolean fixedSingleSided() default true;

    @AttributeDefinition(min = "1", max = "365", description = "Days a checked-out file or box is due back, unless the archivist sets another date.")
    int loanDays() default 30;

    @AttributeDefinition(min = "1", max = "1440", description = "Minutes a box on a shelf antenna's face may go unread, while "
            + "that face goes on reading its other boxes, before it counts as gone from there (a 'departed' step of its whereabouts).")
    int departAfterMinutes() default 10;

    @AttributeDefinition(description = "Antennas and what they look at, READER:PORT=LOCATION: a column side "
            + "(C07-A), a bay (C07-A-B03), 'cart' (the inventory cart), or 'gate-inside' / 'gate-outside' (the door gate).")
    String[] antennas() default {};

    @AttributeDefinition(description = "Fixed readers speaking LLRP, NAME=HOST[:PORT] (port 5084 by default); NAME is "
            + "the reader's name in the antennas configuration.")
    String[] llrpReaders() default {};

    @AttributeDefinition(description = "The room's local MQTT broker where readers publish tag events (Zebra IoT Connector, "
            + "Impinj IoT device interface), e.g. tcp://127.0.0.1:1883; empty: none.")
    String readerBroker() default "";

    @AttributeDefinition(description = "Topic filters of the readers' events; the reader's name is the level of the first '+'.")
    String[] readerTopics() default {"rfid/+/events"};

    @AttributeDefinition(description = "Readers whose events are read from their HTTP stream (Impinj IoT device interface), "
            + "NAME=URL, e.g. door=https://192.168.10.20/api/v1/data/stream; NAME is the reader's name where its events do not carry one.")
    String[] httpStreamReaders() default {};

    @AttributeDefinition(description = "User for the readers' HTTP streams (HTTP Basic); empty: none.")
    String httpStreamUser() default "root";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD, required = false,
            description = "Password for the readers' HTTP streams.")
    String httpStreamPassword() default "";

    @AttributeDefinition(min = "2000", max = "600000", description = "An HTTP stream that sends nothing, not even a keepalive, "
            + "for this long is opened again (ms); set the readers' keepalive well below it.")
    int httpStreamSilenceMs() default 30000;

    @AttributeDefinition(description = "Load a generated demo catalogue (9,231 boxes, 65,772 files) when the warehouse is empty. For the simulated room only.")
    boolean demoCatalogue() default false;
}
