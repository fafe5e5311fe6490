package org.storeroom.gateway.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** A subsystem's part of the JSON API, registered as a service; the gateway serves, authenticates and checks roles. */
@ConsumerType
public interface ApiRoutes {
    List<ApiRoute> routes();
}
