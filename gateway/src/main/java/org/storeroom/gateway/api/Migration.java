package org.storeroom.gateway.api;

import java.util.List;

/**
 * One step of a subsystem's database schema. Steps are numbered from 1 without gaps and never change
 * once released: a new schema is a new step.
 *
 * @param version     step number, from 1
 * @param description what the step does, kept in the database for people reading it later
 * @param statements  SQL statements, run in order in one transaction
 */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version " + version + " is below 1");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("migration " + version + " has no description");
        }
        if (statements == null || statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
        statements = List.copyOf(statements);
    }
}
