package io.dbbranch.engine.migration;

import io.dbbranch.engine.review.ReviewOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link UpstreamMigration} is asked to do: apply the checkout's migrations to {@code parent}. Immutable; build
 * with {@link #builder(String, MigrationOptions)}. Every setter documents its default.
 */
public final class UpstreamRequest {
    private final String parent;
    private final MigrationOptions options;
    private final boolean dryRun;
    private final String holder;
    private final MigrationTarget parentTarget;
    private final Duration lockWait;
    private final Duration rehearsalReadyTimeout;
    private final ReviewOptions review;
    private final boolean migrateDespiteFailedReview;

    private UpstreamRequest(Builder builder) {
        this.parent = builder.parent;
        this.options = builder.options;
        this.dryRun = builder.dryRun;
        this.holder = builder.holder;
        this.parentTarget = builder.parentTarget;
        this.lockWait = builder.lockWait;
        this.rehearsalReadyTimeout = builder.rehearsalReadyTimeout;
        this.review = builder.review;
        this.migrateDespiteFailedReview = builder.migrateDespiteFailedReview;
    }

    /** A request to migrate {@code parent} (a branch name such as {@code main}) with {@code options}. */
    public static Builder builder(String parent, MigrationOptions options) {
        return new Builder(parent, options);
    }

    public String parent() { return parent; }
    public MigrationOptions options() { return options; }
    public boolean dryRun() { return dryRun; }
    public String holder() { return holder; }
    /** The explicit way into the parent, or {@code null} to ask the provider ({@code parentAccess}). */
    public MigrationTarget parentTarget() { return parentTarget; }
    public Duration lockWait() { return lockWait; }
    public Duration rehearsalReadyTimeout() { return rehearsalReadyTimeout; }
    /** How to review the rehearsal, or {@code null} for a rehearsal without review. */
    public ReviewOptions review() { return review; }
    public boolean migrateDespiteFailedReview() { return migrateDespiteFailedReview; }

    /** Collects the options of an {@link UpstreamRequest}. */
    public static final class Builder {
        private final String parent;
        private final MigrationOptions options;
        private boolean dryRun;
        private String holder = "dbbranch@" + hostName();
        private MigrationTarget parentTarget;
        private Duration lockWait = Duration.ofSeconds(5);
        private Duration rehearsalReadyTimeout = Duration.ofMinutes(10);
        private ReviewOptions review;
        private boolean migrateDespiteFailedReview;

        private Builder(String parent, MigrationOptions options) {
            if (parent == null || parent.isBlank()) {
                throw new IllegalArgumentException("name the parent to migrate, e.g. main");
            }
            this.parent = parent.trim();
            this.options = Objects.requireNonNull(options, "options");
        }

        /** Only validate the history and rehearse on a fresh branch; never touch the parent. Default {@code false}. */
        public Builder dryRun(boolean value) { this.dryRun = value; return this; }

        /**
         * Who runs this, as shown to a concurrent run and recorded with the restore point and the rehearsal branch
         * ({@code cli@host}, a Jenkins job and build). Default {@code dbbranch@<host>}.
         */
        public Builder holder(String value) { this.holder = Objects.requireNonNull(value, "holder"); return this; }

        /** The parent's owner connection, where the provider cannot give one. Default: the provider's {@code parentAccess}. */
        public Builder parentTarget(MigrationTarget value) { this.parentTarget = value; return this; }

        /** How long to wait for another migrateUpstream on the same parent to finish. Default 5 seconds. */
        public Builder lockWait(Duration value) { this.lockWait = Objects.requireNonNull(value, "lockWait"); return this; }

        /** How long to wait for the rehearsal branch to accept logins. Default 10 minutes. */
        public Builder rehearsalReadyTimeout(Duration value) {
            this.rehearsalReadyTimeout = Objects.requireNonNull(value, "rehearsalReadyTimeout");
            return this;
        }

        /**
         * Reviews the rehearsal ({@link io.dbbranch.engine.review.MigrationReview}): the parent is then not migrated
         * when the review's verdict is FAIL, unless {@link #migrateDespiteFailedReview}. Default: no review.
         */
        public Builder review(ReviewOptions value) { this.review = value; return this; }

        /** Migrates the parent even when the rehearsal's review fails (the findings stay in the report). Default {@code false}. */
        public Builder migrateDespiteFailedReview(boolean value) { this.migrateDespiteFailedReview = value; return this; }

        public UpstreamRequest build() {
            return new UpstreamRequest(this);
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
