package io.dbbranch.engine.neon.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAPI 3 description read as a Jackson tree: operations by method and concrete path, their parameters, request
 * and response schemas, with {@code $ref}s resolved on demand.
 */
public final class OpenApiSpec {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    /**
     * The description at the path in system property {@code property}; fails with what to do when it is missing.
     */
    public static OpenApiSpec load(String property, String howToGetIt) {
        Path file = requiredFile(property, howToGetIt);
        try {
            return new OpenApiSpec(YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the OpenAPI description " + file, e);
        }
    }

    /** The file or folder named by system property {@code property}, or a failure that says how to get it. */
    public static Path requiredFile(String property, String howToGetIt) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("The contract tests need " + (value == null ? "system property " + property
                    : value) + ", which is missing: " + howToGetIt);
        }
        return Path.of(value);
    }

    /** One operation: its path template and its tree. */
    public record Operation(String method, String template, JsonNode node) {
        public String name() {
            return node.path("operationId").asText(method + " " + template);
        }
    }

    /**
     * The operation serving {@code method} on the concrete {@code path} (no query), if the description has one; where
     * templates compete ({@code /branches/{id}} and {@code /branches/count}), the one with more literal segments.
     */
    public Optional<Operation> operation(String method, String path) {
        String verb = method.toLowerCase(Locale.ROOT);
        Operation best = null;
        int bestLiterals = -1;
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> entry = paths.next();
            int literals = literalsMatched(entry.getKey(), path);
            if (literals > bestLiterals && entry.getValue().has(verb)) {
                best = new Operation(method, entry.getKey(), entry.getValue().get(verb));
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The names of the query parameters the operation (or its path) declares. */
    public Set<String> queryParameters(Operation operation) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> declared = new ArrayList<>();
        root.path("paths").path(operation.template()).path("parameters").forEach(declared::add);
        operation.node().path("parameters").forEach(declared::add);
        for (JsonNode parameter : declared) {
            JsonNode resolved = resolve(parameter);
            if ("query".equals(resolved.path("in").asText())) {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    /** The JSON request body's schema, if the operation takes one. */
    public Optional<JsonNode> requestSchema(Operation operation) {
        JsonNode schema = resolve(operation.node().path("requestBody")).path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
    }

    /** The JSON schema of the answer with {@code status}; empty when that answer has no JSON body. */
    public Optional<JsonNode> responseSchema(Operation operation, int status) {
        JsonNode response = resolve(operation.node().path("responses").path(Integer.toString(status)));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
    }

    /** The documented success statuses of the operation. */
    public List<Integer> successStatuses(Operation operation) {
        List<Integer> statuses = new ArrayList<>();
        operation.node().path("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) {
                statuses.add(Integer.parseInt(code));
            }
        });
        return statuses;
    }

    /** The node itself, or what its {@code $ref} points to (followed until no {@code $ref} is left). */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 20; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
        }
        return current;
    }

    /** How many literal segments of {@code template} {@code path} matches; -1 when it does not match at all. */
    private static int literalsMatched(String template, String path) {
        String[] want = template.split("/");
        String[] have = path.split("/");
        if (want.length != have.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < want.length; i++) {
            boolean parameter = want[i].startsWith("{") && want[i].endsWith("}");
            if (parameter ? have[i].isEmpty() : !want[i].equals(have[i])) {
                return -1;
            }
            literals += parameter ? 0 : 1;
        }
        return literals;
    }
}
