package org.storeroom.bus;

/** Resource paths and resource types served by the nodes (see {@code docs/device-bus.md}). */
public final class BusResources {
    /** Column node: live state, GET and Observe. */
    public static final String STATE = "state";
    /** Column node: POST a movement (target, command id, lease), renew it, or stop. */
    public static final String MOTION = "motion";
    /** Column node: POST clears a latched stop; never starts motion. */
    public static final String RESET = "reset";
    /** Column node: POST lights the guide indicator of a bay/layer. */
    public static final String GUIDE = "guide";
    /** Every node: identity, firmware, uptime and faults. */
    public static final String HEALTH = "health";
    /** Sensor node: temperature and humidity, GET and Observe. */
    public static final String CLIMATE = "climate";
    /** Sensor node: smoke/heat levels, water, doors, fire panel signals. */
    public static final String INPUTS = "inputs";
    /** Sensor node: relays for air conditioning, dehumidifier, humidifier, ventilation, dampers. */
    public static final String OUTPUTS = "outputs";

    /** RFC 6690 resource type of a column node's state resource. */
    public static final String RT_COLUMN_STATE = "storeroom.column.state";
    /** RFC 6690 resource type of a node's health resource. */
    public static final String RT_HEALTH = "storeroom.health";

    /** Default CoAP port of every node. */
    public static final int DEFAULT_PORT = 5683;

    private BusResources() {
    }
}
