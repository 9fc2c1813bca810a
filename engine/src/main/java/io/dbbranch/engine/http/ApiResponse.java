package io.dbbranch.engine.http;

import java.nio.charset.StandardCharsets;

/**
 * A successful (2xx) answer.
 *
 * @param status the HTTP status
 * @param body   the body, empty when there was none
 */
public record ApiResponse(int status, byte[] body) {
    public ApiResponse {
        body = body == null ? new byte[0] : body;
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length + " bytes)";
    }
}
