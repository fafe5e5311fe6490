package org.storeroom.shelf.internal.coordinator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ShelfCoordinator.PID, name = "Shelf coordinator",
        description = "The room's shelving as built, and how movements are timed and checked.")
@interface CoordinatorConfig {
    @AttributeDefinition(name = "Ranges",
            description = "One entry per range: NAME:COLUMNS in rail order, the fixed column first. "
                    + "COLUMNS is FIRST-LAST (9-1 when the fixed column has the highest number) or a comma list.")
    String[] ranges() default {"A:1-9", "B:10-18", "C:19-27", "D:28-36", "E:37-45"};

    @AttributeDefinition(name = "Ventilation window",
            description = "Daily HH:MM-HH:MM (may cross midnight) when the ranges are spread evenly so air reaches the "
                    + "files; at its end they are parked. Empty: no schedule. Never overrides lock, maintenance or fire.")
    String ventilationWindow() default "";

    @AttributeDefinition(name = "Fire park",
            description = "In a confirmed fire, spread each range to even gaps so extinguishing gas reaches every face: only "
                    + "ranges whose aisles are all clear and whose gaps come to at least 150 mm; it stops at once if anyone "
                    + "enters an aisle, and when the gas is released. Off: the shelving stays where it stopped.")
    boolean firePark() default false;

    @AttributeDefinition(name = "Column depth (mm)", min = "200", max = "2000",
            description = "Front-to-front depth of a column.")
    int depthMm() default 600;

    @AttributeDefinition(name = "Aisle width (mm)", min = "500", max = "2000",
            description = "Width of an open aisle; each rail leaves room for exactly one.")
    int aisleMm() default 900;

    @AttributeDefinition(name = "Lease (ms)", min = "50", max = "5000",
            description = "How long a column may move without hearing from the gateway again; it stops by itself after.")
    int leaseMs() default 300;

    @AttributeDefinition(name = "Lease renewal (ms)", min = "10", max = "2500",
            description = "How often a moving column's lease is renewed; at most half the lease.")
    int renewEveryMs() default 100;

    @AttributeDefinition(name = "Freshness limit (ms)", min = "100", max = "60000",
            description = "A column not heard from for longer is not moved, nor is any column of its range.")
    int freshnessMs() default 1500;

    @AttributeDefinition(name = "Position tolerance (mm)", min = "1", max = "50",
            description = "A column this close to its target has arrived.")
    int toleranceMm() default 5;

    @AttributeDefinition(name = "Slowest carriage speed (mm/s)", min = "10", max = "1000",
            description = "Bounds how long a move may take before it counts as failed (4 m/min = 66 mm/s).")
    int speedMmPerS() default 66;
}
