package io.dbbranch.engine.neon.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of JSON Schema (as OpenAPI 3.0 uses it) that the Neon description needs: {@code $ref}, {@code allOf},
 * {@code oneOf}/{@code anyOf}, {@code type}, {@code nullable}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code maxProperties}, {@code items}, {@code enum}, {@code pattern}, string lengths,
 * numeric bounds and the {@code date-time} format.
 *
 * <p>Strict about names: a property the schema does not declare is a problem unless the schema allows others
 * ({@code additionalProperties}). The description rarely says {@code additionalProperties: false}, but a name it does
 * not know is a name the service ignores at best: for what we send, that is a mistake.
 */
public final class SchemaCheck {
    private final OpenApiSpec spec;

    public SchemaCheck(OpenApiSpec spec) {
        this.spec = spec;
    }

    /** The ways {@code value} breaks {@code schema}, each naming where (e.g. {@code $.branch.name}); empty when none. */
    public List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, spec.resolve(schema), "$", problems, true);
        return problems;
    }

    /** @param names whether to judge property names here (not in an {@code allOf} part: the whole knows them all) */
    private void check(JsonNode value, JsonNode schema, String at, List<String> problems, boolean names) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(at + ": null where the schema does not allow it");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, spec.resolve(part), at, problems, false);
        }
        checkAlternatives(value, schema, at, problems);
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            problems.add(at + ": " + value.getNodeType() + " where the schema wants " + type);
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is none of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkString(value.asText(), schema, at, problems);
        } else if (value.isNumber()) {
            checkNumber(value.asDouble(), schema, at, problems);
        } else if (value.isArray()) {
            JsonNode items = schema.path("items");
            for (int i = 0; i < value.size() && !items.isMissingNode(); i++) {
                check(value.get(i), spec.resolve(items), at + "[" + i + "]", problems, true);
            }
        } else if (value.isObject()) {
            checkObject(value, schema, at, problems, names);
        }
    }

    private void checkAlternatives(JsonNode value, JsonNode schema, String at, List<String> problems) {
        for (String keyword : List.of("oneOf", "anyOf")) {
            if (!schema.has(keyword)) {
                continue;
            }
            boolean anyFits = false;
            for (JsonNode alternative : schema.get(keyword)) {
                List<String> mine = new ArrayList<>();
                check(value, spec.resolve(alternative), at, mine, true);
                anyFits |= mine.isEmpty();
            }
            if (!anyFits) {
                problems.add(at + ": fits none of the " + keyword + " alternatives");
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String at, List<String> problems, boolean names) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + ": required property '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        value.fieldNames().forEachRemaining(name -> {
            if (properties.has(name)) {
                check(value.get(name), spec.resolve(properties.get(name)), at + "." + name, problems, true);
            } else if (additional.isObject()) {
                check(value.get(name), spec.resolve(additional), at + "." + name, problems, true);
            }
        });
        if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").asInt()) {
            problems.add(at + ": more than " + schema.get("maxProperties").asInt() + " properties");
        }
        Set<String> declared = names ? declaredProperties(schema) : null;
        if (declared != null) {
            value.fieldNames().forEachRemaining(name -> {
                if (!declared.contains(name)) {
                    problems.add(at + ": property '" + name + "' is not in the schema (known: " + declared + ")");
                }
            });
        }
    }

    /** The property names a schema and its {@code allOf} parts declare; null when any of them allows others. */
    private Set<String> declaredProperties(JsonNode schema) {
        if (schema.has("additionalProperties") && !schema.get("additionalProperties").isBoolean()
                || schema.path("additionalProperties").asBoolean(false) || schema.has("oneOf") || schema.has("anyOf")) {
            return null;
        }
        Set<String> names = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (JsonNode part : schema.path("allOf")) {
            Set<String> more = declaredProperties(spec.resolve(part));
            if (more == null) {
                return null;
            }
            names.addAll(more);
        }
        return names;
    }

    private static void checkString(String text, JsonNode schema, String at, List<String> problems) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(at + ": '" + text + "' does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            problems.add(at + ": shorter than " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(at + ": longer than " + schema.get("maxLength").asInt());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(at + ": '" + text + "' is not an RFC 3339 date-time");
            }
        }
    }

    private static void checkNumber(double number, JsonNode schema, String at, List<String> problems) {
        if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
            problems.add(at + ": " + number + " is below " + schema.get("minimum").asDouble());
        }
        if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
            problems.add(at + ": " + number + " is above " + schema.get("maximum").asDouble());
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
