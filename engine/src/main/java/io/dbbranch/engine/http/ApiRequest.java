package io.dbbranch.engine.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One call to a REST API, relative to the client's base URI.
 *
 * @param method      {@code GET}, {@code POST}, {@code PATCH}, {@code DELETE}
 * @param path        the path below the base URI, already encoded, e.g. {@code /api/2.0/postgres/projects/p/branches}
 * @param query       query parameters (encoded when sent), in order
 * @param body        a JSON body (any Jackson-serialisable object), {@code null} for none
 * @param form        a form body ({@code application/x-www-form-urlencoded}) instead of JSON, {@code null} for none
 * @param auth        how to authenticate this call, {@code null} for anonymous
 * @param idempotent  whether sending it twice does no more than sending it once; only idempotent calls are
 *                    repeated after a transport failure that may have reached the server
 * @param description what the call is for, in words ("Create Lakebase branch 'ci-42'"), used in error messages
 */
public record ApiRequest(String method, String path, Map<String, String> query, Object body, Map<String, String> form,
                         Authenticator auth, boolean idempotent, String description) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
        form = form == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(form));
        description = description == null ? method + " " + path : description;
    }

    /** A {@code GET}: idempotent. */
    public static ApiRequest get(String path) {
        return new ApiRequest("GET", path, null, null, null, null, true, null);
    }

    /** A {@code DELETE}: idempotent (a repeated delete meets 404, which the caller reads as "already gone"). */
    public static ApiRequest delete(String path) {
        return new ApiRequest("DELETE", path, null, null, null, null, true, null);
    }

    /** A {@code POST} with a JSON body: not idempotent unless marked so. */
    public static ApiRequest post(String path, Object body) {
        return new ApiRequest("POST", path, null, body, null, null, false, null);
    }

    /** A {@code PATCH} with a JSON body: idempotent when it sets absolute values, as an update mask does. */
    public static ApiRequest patch(String path, Object body) {
        return new ApiRequest("PATCH", path, null, body, null, null, true, null);
    }

    /** A {@code POST} of a URL-encoded form (OAuth token requests). */
    public static ApiRequest postForm(String path, Map<String, String> form) {
        return new ApiRequest("POST", path, null, null, form, null, false, null);
    }

    public ApiRequest withQuery(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(query);
        more.put(name, value.toString());
        return new ApiRequest(method, path, more, body, form, auth, idempotent, description);
    }

    public ApiRequest withAuth(Authenticator authenticator) {
        return new ApiRequest(method, path, query, body, form, authenticator, idempotent, description);
    }

    public ApiRequest idempotent(boolean isIdempotent) {
        return new ApiRequest(method, path, query, body, form, auth, isIdempotent, description);
    }

    public ApiRequest describedAs(String what) {
        return new ApiRequest(method, path, query, body, form, auth, idempotent, what);
    }

    /** The path with its encoded query string. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + encode(query);
    }

    static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Method and path only: never the body or headers, which may hold secrets. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
