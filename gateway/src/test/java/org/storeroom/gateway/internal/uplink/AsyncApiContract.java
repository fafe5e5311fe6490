package org.storeroom.gateway.internal.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * docs/asyncapi.yaml as a checker: finds the channel a topic belongs to and validates a payload against
 * that channel's message schema (JSON Schema, with the document's own {@code $ref}s).
 */
final class AsyncApiContract {
    private final JsonNode doc;
    private final Map<Pattern, String> channels = new LinkedHashMap<>();
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();

    AsyncApiContract(Path file) throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("channels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> ch = it.next();
            JsonNode op = ch.getValue().has("subscribe") ? ch.getValue().get("subscribe") : ch.getValue().get("publish");
            String messageRef = op.get("message").get("$ref").asText();
            JsonNode message = at(messageRef);
            String payloadRef = message.get("payload").get("$ref").asText();
            String regex = "^" + Pattern.quote(ch.getKey()).replaceAll("\\{[a-z]+}", "\\\\E[^/]+\\\\Q") + "$";
            channels.put(Pattern.compile(regex), payloadRef);
        }
    }

    private JsonNode at(String ref) {
        return doc.at(ref.substring(1));
    }

    /** @return what is wrong with {@code payload} on {@code topic}; empty when it is as documented */
    Set<ValidationMessage> check(String topic, JsonNode payload) {
        String ref = null;
        for (Map.Entry<Pattern, String> c : channels.entrySet()) {
            if (c.getKey().matcher(topic).matches()) {
                ref = c.getValue();
                break;
            }
        }
        if (ref == null) {
            throw new AssertionError("topic " + topic + " is not documented in asyncapi.yaml");
        }
        JsonSchema schema = schemas.computeIfAbsent(ref, r -> {
            ObjectNode root = doc.deepCopy();
            root.put("$ref", r); // the whole document as root, so that the payload's own $refs resolve
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(root);
        });
        return schema.validate(payload);
    }

    List<String> channelTemplates() {
        return channels.keySet().stream().map(Pattern::pattern).toList();
    }
}
