package org.storeroom.shelf.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The gateway's links to the column nodes. Thread-safe; answers from memory without blocking. */
@ProviderType
public interface DeviceBus {
    /** @return every configured column node's link, in column order. */
    List<NodeLink> links();
}
