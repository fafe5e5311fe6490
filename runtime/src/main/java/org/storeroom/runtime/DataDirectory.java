package org.storeroom.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory ({@code --data}): database, logs, the configuration store and, by default, the
 * configuration files. It may not exist yet, but then its parent must, so a mistyped path fails instead
 * of quietly growing a new tree somewhere.
 */
record DataDirectory(Path root) {

    static DataDirectory check(Path option) throws StartupException {
        Path root = option.toAbsolutePath().normalize();
        if (Files.exists(root)) {
            if (!Files.isDirectory(root)) {
                throw StartupException.badInput("--data " + option + " is a file, not a directory");
            }
            if (!Files.isWritable(root)) {
                throw StartupException.badInput("--data " + option + " is not writable");
            }
            return new DataDirectory(root);
        }
        Path parent = root.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw StartupException.badInput("--data " + option + " does not exist and neither does its parent "
                    + parent + "; create it or choose another directory");
        }
        if (!Files.isWritable(parent) || !canCreateIn(parent)) {
            throw StartupException.badInput("--data " + option + " does not exist and cannot be created in " + parent);
        }
        return new DataDirectory(root);
    }

    /** Root may write where the permission bits say no; only trying tells (e.g. /proc, read-only mounts). */
    private static boolean canCreateIn(Path dir) {
        try {
            Path probe = Files.createTempDirectory(dir, ".storeroom-probe");
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Creates the directory tree. Called only once every check has passed. */
    void create() throws StartupException {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(configStore());
        } catch (IOException e) {
            throw StartupException.failed("cannot create the data directory " + root + ": " + e.getMessage(), e);
        }
    }

    Path database() {
        return root.resolve("storeroom.db");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path configFiles() {
        return root.resolve("config");
    }

    /** Where ConfigAdmin keeps configuration between runs. */
    Path configStore() {
        return root.resolve("config-store");
    }

    /** The framework's bundle cache, cleaned at every start since the bundles come from the jar. */
    Path frameworkCache() {
        return root.resolve("osgi-cache");
    }
}
