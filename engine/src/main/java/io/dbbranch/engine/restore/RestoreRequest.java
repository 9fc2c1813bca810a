package io.dbbranch.engine.restore;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PositiveDuration;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Duration;
import java.util.Objects;

/**
 * What to restore, where to, and how to check it. Immutable; build with {@link #builder(String, PointInTime)}.
 * Every setter documents its default.
 */
public final class RestoreRequest {
    private final String source;
    private final PointInTime point;
    private final String name;
    private final String owner;
    private final Duration keepFor;
    private final Verification verification;
    private final boolean keepOnFailedVerification;
    private final boolean replace;
    private final String preserveUnderName;
    private final Duration readyTimeout;
    private final Duration credentialTtl;

    private RestoreRequest(Builder b) {
        this.source = b.source;
        this.point = b.point;
        this.name = b.name;
        this.owner = b.owner;
        this.keepFor = b.keepFor;
        this.verification = b.verification;
        this.keepOnFailedVerification = b.keepOnFailedVerification;
        this.replace = b.replace;
        this.preserveUnderName = b.preserveUnderName;
        this.readyTimeout = b.readyTimeout;
        this.credentialTtl = b.credentialTtl;
    }

    /** A request to restore branch {@code source} as it was at {@code point}. */
    public static Builder builder(String source, PointInTime point) {
        return new Builder(source, point);
    }

    /** The recovery branch's name: the given one, validated, or {@code restore-<source>-<random>}. */
    public String resolveName() {
        return name != null ? BranchName.validate(name) : BranchName.derive("restore", source, null, null);
    }

    /** The name the source's previous state is kept under in replace mode. */
    public String resolvePreserveUnderName() {
        return preserveUnderName != null ? BranchName.validate(preserveUnderName)
                : BranchName.derive("pre-restore", source, null, null);
    }

    public String source() { return source; }
    public PointInTime point() { return point; }
    public String owner() { return owner; }
    public Duration keepFor() { return keepFor; }
    /** The verification, or {@code null} for none. */
    public Verification verification() { return verification; }
    public boolean keepOnFailedVerification() { return keepOnFailedVerification; }
    public boolean replace() { return replace; }
    public Duration readyTimeout() { return readyTimeout; }
    public Duration credentialTtl() { return credentialTtl; }

    /** Collects the options of a {@link RestoreRequest}. */
    public static final class Builder {
        private final String source;
        private final PointInTime point;
        private String name;
        private String owner = "dbbranch-restore";
        private Duration keepFor = Duration.ofDays(1);
        private Verification verification;
        private boolean keepOnFailedVerification;
        private boolean replace;
        private String preserveUnderName;
        private Duration readyTimeout = Duration.ofMinutes(10);
        private Duration credentialTtl = Duration.ofHours(1);

        private Builder(String source, PointInTime point) {
            if (source == null || source.isBlank()) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Restore a branch", "no branch was named",
                        "Name the branch to restore, e.g. 'main'");
            }
            Objects.requireNonNull(point, "point");
            if (!point.isHistorical()) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Restore '" + source + "' to its head",
                        "a restore needs a moment or an LSN in the past", "Give a timestamp, an LSN or e.g. '10 minutes ago'");
            }
            this.source = source.trim();
            this.point = point;
        }

        /** The recovery branch's name. Default {@code restore-<source>-<random>}. */
        public Builder name(String value) { this.name = blankToNull(value); return this; }
        /** Who owns the recovery branch, recorded in its labels. Default {@code dbbranch-restore}. */
        public Builder owner(String value) { this.owner = Objects.requireNonNull(value); return this; }
        /** How long the recovery branch lives before a reaper may delete it. Default 1 day. */
        public Builder keepFor(Duration value) { this.keepFor = PositiveDuration.require(value, "keepFor"); return this; }
        /** A query that must meet its expectation, or the restore fails. Default none. */
        public Builder verify(Verification value) { this.verification = value; return this; }
        /** Keep the recovery branch (for inspection) when the verification fails. Default {@code false}: delete it. */
        public Builder keepOnFailedVerification(boolean value) { this.keepOnFailedVerification = value; return this; }
        /**
         * Restore the source in place, keeping its present state as a branch named {@code preserveUnderName} (default
         * {@code pre-restore-<source>-<random>}); only where the provider can. Default {@code false}: a new branch.
         */
        public Builder replace(boolean value, String preserveUnderName) {
            this.replace = value;
            this.preserveUnderName = blankToNull(preserveUnderName);
            return this;
        }
        /** How long to wait for the recovery branch to accept logins. Default 10 minutes. */
        public Builder readyTimeout(Duration value) { this.readyTimeout = PositiveDuration.require(value, "readyTimeout"); return this; }
        /** How long the returned credential lives. Default 1 hour. */
        public Builder credentialTtl(Duration value) { this.credentialTtl = PositiveDuration.require(value, "credentialTtl"); return this; }

        public RestoreRequest build() {
            return new RestoreRequest(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
