package org.storeroom.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A board's configuration file: Java properties whose keys are the option names without dashes
 * ({@code column=7}, {@code bind=192.168.10.7:5683}). Values fill the options not given on the command
 * line; an unknown key is an error naming the file and the key, so a typo does not silently fall back to
 * a default.
 */
final class NodeConfigFile {
    private NodeConfigFile() {
    }

    /** Finds {@code --config FILE} in the arguments and makes the file the default value provider. */
    static void apply(CommandLine root, String[] args) {
        String file = null;
        String sub = null;
        for (int i = 0; i < args.length; i++) {
            if (root.getSubcommands().containsKey(args[i]) && sub == null) {
                sub = args[i];
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            }
        }
        if (file == null || sub == null) {
            return;
        }
        CommandLine cmd = root.getSubcommands().get(sub);
        Properties props = read(Path.of(file));
        for (String key : props.stringPropertyNames()) {
            if (cmd.getCommandSpec().findOption("--" + key) == null || key.equals("config")) {
                throw new IllegalArgumentException("config file " + file + ": unknown key '" + key + "'");
            }
        }
        cmd.setDefaultValueProvider(arg -> arg instanceof OptionSpec o
                ? props.getProperty(o.longestName().replaceFirst("^--", ""), o.defaultValue())
                : null);
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return p;
    }
}
