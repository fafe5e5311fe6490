package org.storeroom.climate.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EnvironmentComponent.PID, name = "Store room environment and fire",
        description = "Sensor nodes, climate zones and their holdings, and the fire linkage.")
@interface EnvironmentConfig {
    @AttributeDefinition(name = "Sensor nodes",
            description = "One entry per sensor board: NODE=coap://HOST:PORT, e.g. sensor-1=coap://192.168.11.1:5683.")
    String[] sensorNodes() default {};

    @AttributeDefinition(name = "Key file (secure mode)",
            description = "Path of the file with each sensor board's pre-shared key (NODE=HEX, readable only by the gateway). "
                    + "Boards configured as coaps://HOST:5684 are reached over DTLS with their key; empty: plain CoAP only.")
    String pskFile() default "";

    @AttributeDefinition(name = "Zones",
            description = "One entry per climate zone: ZONE=HOLDINGS (PAPER, SPECIAL_PAPER, MAGNETIC_MEDIA, FILM_MASTERS); "
                    + "a zone's band is the JGJ 25 band of what it holds.")
    String[] zones() default {"zone-1=PAPER"};

    @AttributeDefinition(name = "Silent node limit (ms)", min = "2000", max = "600000",
            description = "A sensor node not heard for this long is a fault: its detectors cannot be trusted to be quiet.")
    int silentMs() default 15000;

    @AttributeDefinition(name = "Climate control",
            description = "Switch the plant from the zone readings. Off: readings are kept and shown, the plant is left as it is.")
    boolean control() default true;

    @AttributeDefinition(name = "Control period (ms)", min = "1000", max = "600000",
            description = "How often each zone's plant is decided.")
    int controlEveryMs() default 60000;

    @AttributeDefinition(name = "Eight protections (八防)",
            description = "The checklist, one item per entry: ID=SOURCE[:DAYS]|中文名|English name. SOURCE is FIRE, WATER, DOORS, "
                    + "CLIMATE (backed by the sensors) or INSPECTION:DAYS (a person records an inspection at least every DAYS days).")
    String[] protections() default {"fire=FIRE|防火|fire", "water=WATER|防水|water", "theft=DOORS|防盗|theft",
            "climate=CLIMATE|防高温高湿|heat and humidity", "light=INSPECTION:30|防光|light", "dust=INSPECTION:30|防尘|dust",
            "pests=INSPECTION:30|防虫防鼠|pests and rodents", "mould=INSPECTION:30|防霉|mould"};
}
