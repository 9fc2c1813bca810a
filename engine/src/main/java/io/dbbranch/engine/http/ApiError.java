package io.dbbranch.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The error a server put in a failed response body: Databricks' {@code {"error_code", "message"}} or Neon's
 * {@code {"code", "message"}} or OAuth's {@code {"error", "error_description"}}; when the body is none of
 * them, its first characters as the message.
 *
 * @param code    the API's error code ({@code NOT_FOUND}, {@code ALREADY_EXISTS}, …), {@code null} when absent
 * @param message the server's explanation, {@code null} when absent
 */
public record ApiError(String code, String message) {
    private static final int MAX_MESSAGE = 500;

    static ApiError parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ApiError(null, null);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = ApiJson.mapper().readTree(text);
            if (node != null && node.isObject()) {
                // Databricks {error_code, message}; Neon {code, message}; OAuth {error, error_description}.
                String code = textOf(node, "error_code", "code", "error");
                String message = textOf(node, "message", "error_description");
                if (code != null || message != null) {
                    return new ApiError(code, shorten(message));
                }
            }
        } catch (java.io.IOException notJson) {
            // fall through: an HTML error page or plain text from a proxy
        }
        return new ApiError(null, shorten(text.strip()));
    }

    private static String textOf(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String shorten(String text) {
        if (text == null || text.length() <= MAX_MESSAGE) {
            return text;
        }
        return text.substring(0, MAX_MESSAGE) + "…";
    }

    /** {@code NOT_FOUND: Branch 'x' not found}, or whichever part is known. */
    public String describe() {
        if (code == null) {
            return message == null ? "no explanation in the response" : message;
        }
        return message == null ? code : code + ": " + message;
    }
}
