package io.dbbranch.testkit.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of an emulated API: a method, a path pattern whose {@code {name}} segments match one path
 * segment each, a name that faults are injected under, and whether a caller must be authenticated.
 *
 * @param name          the name faults are injected under, e.g. {@code branches.create}
 * @param method        the HTTP method
 * @param pattern       e.g. {@code /api/2.0/postgres/projects/{project}/branches/{branch}}
 * @param authenticated whether the emulator's authenticator must accept the caller
 * @param handler       what it does
 */
public record Route(String name, String method, String pattern, boolean authenticated, Handler handler) {

    /** A route's behaviour. Throw {@link ApiFailure} to answer with an API error. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }

    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(handler, "handler");
    }

    /** The path parameters if {@code path} matches this route's pattern. */
    Optional<Map<String, String>> match(String path) {
        String[] expected = pattern.split("/");
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(segment.substring(1, segment.length() - 1),
                        java.net.URLDecoder.decode(actual[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!segment.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
