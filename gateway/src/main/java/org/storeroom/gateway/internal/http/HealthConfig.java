package org.storeroom.gateway.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = HealthServlet.PID, name = "Store room health report",
        description = "What GET /api/v1/health reports.")
@interface HealthConfig {
    @AttributeDefinition(name = "Expected subsystems",
            description = "Subsystems reported as down when they are not running.")
    String[] expectedSubsystems() default {"store", "device-bus", "uplink"};
}
