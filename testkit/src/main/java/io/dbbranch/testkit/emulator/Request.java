package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route handler sees it.
 *
 * @param method     the HTTP method
 * @param path       the raw path
 * @param pathParams the values of the route's {@code {name}} segments
 * @param query      the decoded query parameters (last value wins)
 * @param headers    request headers, names in lower case
 * @param body       the raw body
 * @param identity   who the emulator's authenticator says is calling, {@code null} on open routes
 * @param fault      the fault drawn for this request that the handler itself must play
 *                   ({@link Fault.Kind#OPERATION_ERROR}), if any
 */
public record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                      Map<String, String> headers, byte[] body, String identity, Optional<Fault> fault) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty object for an empty body; a 400 for anything unreadable. */
    public JsonNode json() {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiFailure(400, "MALFORMED_REQUEST", "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new ApiFailure(400, "MALFORMED_REQUEST", "The request body is not JSON: " + e.getMessage());
        }
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    public Map<String, String> form() {
        return decodeParameters(text());
    }

    public boolean hasFault(Fault.Kind kind) {
        return fault.filter(f -> f.kind() == kind).isPresent();
    }

    static Map<String, String> decodeParameters(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
