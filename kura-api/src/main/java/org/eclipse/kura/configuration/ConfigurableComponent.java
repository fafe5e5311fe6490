package org.eclipse.kura.configuration;

/**
 * Kura's marker for a component whose configuration Kura manages: Kura's configuration service shows a
 * service registered under this interface, with a {@code service.pid} whose metatype OCD id equals the
 * PID, in its web UI and includes it in snapshots.
 */
public interface ConfigurableComponent {
}
