package io.dbbranch.engine.credentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A secret value (token, password, connection URL with a password). Its {@link #toString()} is masked, so a
 * secret that reaches a log line or an exception message by accident shows as {@code ****}. Read it with
 * {@link #reveal()} only where it is handed to the database or the provider.
 *
 * <p>Deliberately not {@code Serializable}: front ends must never persist a secret.
 */
public final class Secret {
    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value. Never log it. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /**
     * The strings a log filter must hide for this secret: the value itself, its URL-encoded form and its
     * base64 forms (as it would appear in a {@code Basic} header or a URL).
     */
    public Set<String> maskForms() {
        Set<String> forms = new LinkedHashSet<>();
        if (value.isEmpty()) {
            return forms;
        }
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return forms;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative
    }

    @Override
    public String toString() {
        return MASK;
    }
}
