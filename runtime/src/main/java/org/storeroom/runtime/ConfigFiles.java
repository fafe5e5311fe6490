package org.storeroom.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Configuration files pushed into ConfigAdmin at start: one {@code PID.json} per component, a JSON
 * object whose members are the component's properties (strings, numbers, booleans, or arrays of one of
 * those). Every file is read and checked before anything is written; the first bad one stops the start
 * naming the file, the place and the problem.
 */
final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ConfigFiles() {
    }

    /** @return properties by PID, in PID order; empty when the directory does not exist */
    static Map<String, Map<String, Object>> read(Path dir) throws StartupException {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw StartupException.badInput("configuration directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String pid = name.substring(0, name.length() - ".json".length());
            if (!pid.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw StartupException.badInput("configuration file " + file + ": '" + pid
                        + "' is not a component PID (letters, digits, '.', '_', '-')");
            }
            result.put(pid, parse(file));
        }
        return result;
    }

    static Map<String, Object> parse(Path file) throws StartupException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw StartupException.badInput("configuration file " + file + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (IOException e) {
            throw StartupException.badInput("configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw StartupException.badInput("configuration file " + file
                    + " must hold one JSON object of properties, e.g. {\"pollIntervalMs\": 1000}");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            props.put(e.getKey(), value(file, e.getKey(), e.getValue()));
        }
        return props;
    }

    private static Object value(Path file, String key, JsonNode v) throws StartupException {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            return array(file, key, v);
        }
        throw StartupException.badInput("configuration file " + file + ": property '" + key + "' is "
                + v.getNodeType().name().toLowerCase() + "; use a string, number, boolean or an array of one of those");
    }

    private static <T> T[] elements(JsonNode v, T[] into, java.util.function.Function<JsonNode, T> element) {
        for (int i = 0; i < into.length; i++) {
            into[i] = element.apply(v.get(i));
        }
        return into;
    }

    private static Object array(Path file, String key, JsonNode v) throws StartupException {
        int n = v.size();
        boolean strings = true;
        boolean ints = true;
        boolean numbers = true;
        boolean bools = true;
        for (JsonNode x : v) {
            strings &= x.isTextual();
            ints &= x.isIntegralNumber() && x.canConvertToInt();
            numbers &= x.isNumber();
            bools &= x.isBoolean();
        }
        if (n == 0 || strings) {
            return elements(v, new String[n], JsonNode::textValue);
        }
        if (ints) {
            return elements(v, new Integer[n], JsonNode::intValue);
        }
        if (numbers) {
            return elements(v, new Double[n], JsonNode::doubleValue);
        }
        if (bools) {
            return elements(v, new Boolean[n], JsonNode::booleanValue);
        }
        throw StartupException.badInput("configuration file " + file + ": property '" + key
                + "' mixes kinds of values; an array holds only strings, only numbers or only booleans");
    }
}
