package io.dbbranch.engine.neon;

import io.dbbranch.engine.http.ApiException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the project takes Neon's own branch expiry ({@code expires_at}). The field is an early-access feature, and
 * a project outside the programme answers 400 naming it. Once refused, the provider stops sending it, and branches
 * carry their expiry only in our annotation, where the engine's {@code Reaper} reads it: without Neon's own
 * expiry, a branch whose process died lives until the reaper runs. Warned about once per provider.
 */
final class ExpirySupport {
    private static final System.Logger LOG = System.getLogger(ExpirySupport.class.getName());

    private final AtomicBoolean refused = new AtomicBoolean();

    /** Whether Neon refused {@code expires_at} before. */
    boolean refused() {
        return refused.get();
    }

    /** Whether {@code failure} is Neon refusing {@code expires_at}: a 400 that names the field. */
    static boolean refuses(ApiException failure) {
        String message = failure.error().message();
        return failure.isStatus(400) && message != null && message.toLowerCase(Locale.ROOT).contains("expires_at");
    }

    /** Records the refusal; warns the first time. */
    void markRefused(String asked, ApiException failure) {
        if (refused.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: Neon refused the branch expiry ({1}); branches are made "
                    + "without Neon''s own expiry, and the reaper deletes them once the expiry in their labels has passed "
                    + "(the lease keeper cannot move it): run the reaper on a schedule, and choose an expiry window "
                    + "longer than the longest build", asked, failure.error().describe());
        }
    }
}
