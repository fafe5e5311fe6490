package org.storeroom.gateway.api;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with a connection inside one transaction. It must not commit, roll back, close the
 * connection or keep it after returning.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
