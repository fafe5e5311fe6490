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

    @AttributeDefinition(name = "Fresh-air windows",
            description = "When a zone may take in outside air (ventilation fans on, dampers open), one window per entry: "
                    + "ZONE=[DAYS ]HH:MM-HH:MM, local time, e.g. zone-1=Mon-Fri 10:00-10:30; DAYS is daily (the default), Mon-Fri "
                    + "or Sat,Sun. Inside a window the air is let in only while the room is well inside its band, the day's swing "
                    + "allows it, and the outside air (where measured) is no wetter than the room's and not too warm or cold. Empty: never.")
    String[] freshAirWindows() default {};

    @AttributeDefinition(name = "Outside air zone",
            description = "The zone name that boards measuring the outside air report; they are never controlled, and their "
                    + "readings decide whether fresh air helps. Empty: the outside air is not measured.")
    String outsideZone() default "outside";

    @AttributeDefinition(name = "Eight protections (八防)",
            description = "The checklist, one item per entry: ID=SOURCE[:DAYS]|中文名|English name. SOURCE is FIRE, WATER, DOORS, "
                    + "CLIMATE (backed by the sensors) or INSPECTION:DAYS (a person records an inspection at least every DAYS days).")
    String[] protections() default {"fire=FIRE|防火|fire", "water=WATER|防水|water", "theft=DOORS|防盗|theft",
            "climate=CLIMATE|防高温高湿|heat and humidity", "light=INSPECTION:30|防光|light", "dust=INSPECTION:30|防尘|dust",
            "pests=INSPECTION:30|防虫防鼠|pests and rodents", "mould=INSPECTION:30|防霉|mould"};
}
