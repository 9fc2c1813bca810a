package io.dbbranch.engine.neon.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document made from a schema: every declared property (required or not) with the schema's own {@code example}
 * where it gives one, else a value of the right type. What a client must be able to read.
 */
public final class SchemaExample {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private final OpenApiSpec spec;

    public SchemaExample(OpenApiSpec spec) {
        this.spec = spec;
    }

    public JsonNode of(JsonNode schema) {
        return build(spec.resolve(schema), 0);
    }

    private JsonNode build(JsonNode schema, int depth) {
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode first = schema.has("oneOf") ? schema.get("oneOf").get(0) : schema.get("anyOf").get(0);
            return build(spec.resolve(first), depth + 1);
        }
        if (schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            for (JsonNode part : schema.get("allOf")) {
                JsonNode built = build(spec.resolve(part), depth + 1);
                if (built.isObject()) {
                    merged.setAll((ObjectNode) built);
                }
            }
            if (schema.has("properties")) {
                merged.setAll((ObjectNode) object(schema, depth));
            }
            return merged;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> depth > MAX_DEPTH ? NODES.objectNode() : object(schema, depth);
            case "array" -> depth > MAX_DEPTH || !schema.has("items") ? NODES.arrayNode()
                    : NODES.arrayNode().add(build(spec.resolve(schema.get("items")), depth + 1));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.textNode("date-time".equals(schema.path("format").asText()) ? "2026-01-02T03:04:05Z" : "text");
        };
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode node = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(property ->
                node.set(property.getKey(), build(spec.resolve(property.getValue()), depth + 1)));
        return node;
    }
}
