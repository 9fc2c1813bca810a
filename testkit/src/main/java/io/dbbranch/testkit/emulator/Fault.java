package io.dbbranch.testkit.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Something an emulator does wrong on purpose, once per matching request.
 *
 * @param kind  what goes wrong
 * @param delay for {@link Kind#RATE_LIMITED} and {@link Kind#UNAVAILABLE} the {@code Retry-After} sent (null: none);
 *              for {@link Kind#SLOW} how long the answer is held back
 */
public record Fault(Kind kind, Duration delay) {

    /** The kinds of fault every emulator supports; {@link #OPERATION_ERROR} is read by the route's own handler. */
    public enum Kind {
        /** 429 with {@code Retry-After} (when a delay is given); the request is not carried out. */
        RATE_LIMITED,
        /** 503; the request is not carried out. */
        UNAVAILABLE,
        /** The answer comes after {@code delay}; the request is carried out. */
        SLOW,
        /** The request is carried out, then the connection is closed without an answer. */
        RESET_AFTER_ACTING,
        /** The long-running operation the request starts ends in an error. */
        OPERATION_ERROR
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SLOW && delay == null) {
            throw new IllegalArgumentException("a slow fault needs a delay");
        }
    }

    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.RATE_LIMITED, retryAfter);
    }

    public static Fault unavailable() {
        return new Fault(Kind.UNAVAILABLE, null);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay);
    }

    public static Fault resetAfterActing() {
        return new Fault(Kind.RESET_AFTER_ACTING, null);
    }

    public static Fault operationError() {
        return new Fault(Kind.OPERATION_ERROR, null);
    }

    /**
     * Reads the command-line form: {@code 429}, {@code 429:2s}, {@code 503}, {@code slow:1500ms}, {@code reset},
     * {@code operation-error}.
     */
    public static Fault parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Duration delay = parts.length == 2 ? parseDuration(parts[1]) : null;
        return switch (parts[0]) {
            case "429", "rate-limited" -> rateLimited(delay);
            case "503", "unavailable" -> new Fault(Kind.UNAVAILABLE, delay);
            case "slow" -> slow(delay == null ? Duration.ofSeconds(2) : delay);
            case "reset" -> resetAfterActing();
            case "operation-error", "op-error" -> operationError();
            default -> throw new IllegalArgumentException("unknown fault '" + text
                    + "'; use 429[:2s], 503[:1s], slow:1500ms, reset or operation-error");
        };
    }

    static Duration parseDuration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }
}
