package io.dbbranch.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The error a server put in a failed response body: Databricks' {@code {"error_code", "message"}} or Neon's
 * {@code {"code", "message"}} or OAuth's {@code {"error", "error_description"}}; when the body is none of
 * them, its first characters as the message.
 *
 * @param code    the API's error code ({@code NOT_FOUND}, {@code ALREADY_EXISTS}, …), {@code null} when absent
 * @param message the server's explanation, {@code null} when absent
 * @param quota   whether the server refused because a quota (a limit on how many branches may live) is reached
 */
public record ApiError(String code, String message, boolean quota) {
    private static final int MAX_MESSAGE = 500;
    /**
     * Codes that always mean "a limit on live resources is reached": Neon's {@code BRANCHES_LIMIT_EXCEEDED} (HTTP 422)
     * and {@code ROOT_BRANCHES_LIMIT_EXCEEDED}, Databricks' {@code QUOTA_EXCEEDED}. Databricks'
     * {@code RESOURCE_EXHAUSTED} (HTTP 429) also means per-user rate limiting, so it counts as a quota only with a
     * {@code google.rpc.QuotaFailure} detail. Not {@code REQUEST_LIMIT_EXCEEDED}: that is rate limiting.
     */
    private static final Set<String> QUOTA_CODES = Set.of("BRANCHES_LIMIT_EXCEEDED", "ROOT_BRANCHES_LIMIT_EXCEEDED",
            "QUOTA_EXCEEDED");
    private static final String QUOTA_FAILURE_TYPE = "type.googleapis.com/google.rpc.QuotaFailure";

    public ApiError(String code, String message) {
        this(code, message, false);
    }

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
                    return new ApiError(code, shorten(message), isQuota(code, node.get("details")));
                }
            }
        } catch (java.io.IOException notJson) {
            // fall through: an HTML error page or plain text from a proxy
        }
        return new ApiError(null, shorten(text.strip()));
    }

    private static boolean isQuota(String code, JsonNode details) {
        if (code == null) {
            return false;
        }
        if (QUOTA_CODES.contains(code)) {
            return true;
        }
        if ("RESOURCE_EXHAUSTED".equals(code) && details != null && details.isArray()) {
            for (JsonNode detail : details) {
                if (QUOTA_FAILURE_TYPE.equals(detail.path("@type").asText())) {
                    return true;
                }
            }
        }
        return false;
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
