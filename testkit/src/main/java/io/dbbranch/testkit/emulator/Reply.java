package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a route answers.
 *
 * @param status  the HTTP status
 * @param body    the JSON body, {@code null} for none
 * @param headers extra response headers
 */
public record Reply(int status, JsonNode body, Map<String, String> headers) {
    public Reply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply status(int status, JsonNode body) {
        return new Reply(status, body, Map.of());
    }
}
