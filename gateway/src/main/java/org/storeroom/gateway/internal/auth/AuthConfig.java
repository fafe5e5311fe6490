package org.storeroom.gateway.internal.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ApiServlet.PID, name = "Store room API and logins",
        description = "Logins to the local panel and the JSON API: idle time-out and lock-out after failed attempts.")
@interface AuthConfig {
    @AttributeDefinition(name = "Idle time-out (minutes)", min = "1", max = "720",
            description = "A session unused this long ends; the wall screen logs in again.")
    int idleMinutes() default 15;

    @AttributeDefinition(name = "Failed logins before lock-out", min = "3", max = "20",
            description = "Wrong passwords in a row after which the user name is locked.")
    int maxFailures() default 5;

    @AttributeDefinition(name = "Lock-out (minutes)", min = "1", max = "1440",
            description = "How long a user name stays locked after too many failed logins.")
    int lockoutMinutes() default 15;
}
