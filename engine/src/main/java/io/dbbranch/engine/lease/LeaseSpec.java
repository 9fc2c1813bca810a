package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PositiveDuration;
import io.dbbranch.engine.capacity.Capacity;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.PointInTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a build asks of its branch. Immutable; build with {@link #builder(String)}. Every setter documents its
 * default.
 */
public final class LeaseSpec {
    private final String parent;
    private final String name;
    private final String namePrefix;
    private final String owner;
    private final String job;
    private final String build;
    private final String change;
    private final PointInTime from;
    private final Duration credentialTtl;
    private final double refreshAt;
    private final Duration expiryWindow;
    private final Duration readyTimeout;
    private final Duration keepFor;
    private final KeepPolicy keep;
    private final String envPrefix;
    private final Path secretsDirectory;
    private final BranchData data;
    private final OnExists onExists;
    private final String pullRequest;
    private final Capacity capacity;

    private LeaseSpec(Builder b) {
        this.parent = b.parent;
        this.name = b.name;
        this.namePrefix = b.namePrefix;
        this.owner = b.owner;
        this.job = b.job;
        this.build = b.build;
        this.change = b.change;
        this.from = b.from;
        this.credentialTtl = b.credentialTtl;
        this.refreshAt = b.refreshAt;
        this.expiryWindow = b.expiryWindow;
        this.readyTimeout = b.readyTimeout;
        this.keepFor = b.keepFor;
        this.keep = b.keep;
        this.envPrefix = b.envPrefix;
        this.secretsDirectory = b.secretsDirectory;
        this.data = b.data;
        this.onExists = b.onExists;
        this.pullRequest = b.pullRequest;
        this.capacity = b.capacity;
    }

    /**
     * Where password files go unless {@link Builder#secretsDirectory} says otherwise; a front end that deletes a branch
     * outside its lease (a delete command, a reaper) removes {@code PgPassFile.ofBranch(defaultSecretsDirectory(), name)}.
     */
    public static Path defaultSecretsDirectory() {
        return SecretsFolder.forThisUser();
    }

    /** A builder for a branch of {@code parent}. */
    public static Builder builder(String parent) {
        return new Builder(parent);
    }

    /** The branch name to use: the given one, validated, or a fresh one derived from prefix, job, change and build. */
    public String resolveName() {
        return name != null ? BranchName.validate(name) : BranchName.derive(namePrefix, job, change, build);
    }

    public String parent() { return parent; }
    public String name() { return name; }
    public String namePrefix() { return namePrefix; }
    public String owner() { return owner; }
    public String job() { return job; }
    public String build() { return build; }
    public String change() { return change; }
    public PointInTime from() { return from; }
    public Duration credentialTtl() { return credentialTtl; }
    public double refreshAt() { return refreshAt; }
    public Duration expiryWindow() { return expiryWindow; }
    public Duration readyTimeout() { return readyTimeout; }
    public Duration keepFor() { return keepFor; }
    public KeepPolicy keep() { return keep; }
    public String envPrefix() { return envPrefix; }
    /** The folder for the password file: the one set, else this user's private default (created and checked here). */
    public Path secretsDirectory() { return secretsDirectory != null ? secretsDirectory : defaultSecretsDirectory(); }
    public BranchData data() { return data; }
    public OnExists onExists() { return onExists; }
    /** The pull request key recorded in the branch's labels; {@code null} unless {@link KeepPolicy#WHILE_PR_OPEN}. */
    public String pullRequest() { return keep == KeepPolicy.WHILE_PR_OPEN ? pullRequest : null; }
    /** How many branches this owner may have alive on the connection, and how long to wait for a slot. */
    public Capacity capacity() { return capacity; }

    /** Collects the options of a {@link LeaseSpec}. */
    public static final class Builder {
        private final String parent;
        private String name;
        private String namePrefix = "ci";
        private String owner = "cli@" + hostName();
        private String job;
        private String build;
        private String change;
        private PointInTime from = PointInTime.HEAD;
        private Duration credentialTtl = Duration.ofHours(1);
        private double refreshAt = 0.8;
        private Duration expiryWindow = Duration.ofMinutes(30);
        private Duration readyTimeout = Duration.ofMinutes(10);
        private Duration keepFor = Duration.ofDays(7);
        private KeepPolicy keep = KeepPolicy.NEVER;
        private String envPrefix = "";
        private Path secretsDirectory;
        private BranchData data = BranchData.full();
        private OnExists onExists = OnExists.FAIL;
        private String pullRequest;
        private Capacity capacity = Capacity.unlimited();

        private Builder(String parent) {
            if (parent == null || parent.isBlank()) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Lease a branch", "no parent branch was given",
                        "Name the parent to branch from, e.g. 'main'");
            }
            this.parent = parent.trim();
        }

        /** The branch name. Default: derived from prefix, job, change and build plus a random suffix. */
        public Builder name(String value) { this.name = blankToNull(value); return this; }
        /** The first part of derived names. Default {@code ci}. */
        public Builder namePrefix(String value) { this.namePrefix = Objects.requireNonNull(value); return this; }
        /** Who owns the branch, recorded in its labels. Default {@code cli@<host>}. */
        public Builder owner(String value) { this.owner = Objects.requireNonNull(value); return this; }
        /** The job name, for the derived name and the labels. Default none. */
        public Builder job(String value) { this.job = blankToNull(value); return this; }
        /** The build number, for the derived name and the labels. Default none. */
        public Builder build(String value) { this.build = blankToNull(value); return this; }
        /** The pull request or change id (e.g. {@code pr-12}). Default none. */
        public Builder change(String value) { this.change = blankToNull(value); return this; }
        /** Where in the parent's history to branch. Default its head. */
        public Builder from(PointInTime value) { this.from = Objects.requireNonNull(value); return this; }
        /** How long each minted token lives. Default 1 hour. */
        public Builder credentialTtl(Duration value) { this.credentialTtl = PositiveDuration.require(value, "credentialTtl"); return this; }
        /** At which fraction of a token's life it is re-minted. Default 0.8. */
        public Builder refreshAt(double value) {
            if (!(value > 0.1 && value < 1.0)) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Refresh tokens at " + value + " of their life",
                        "the fraction must be between 0.1 and 1", "Use e.g. 0.8");
            }
            this.refreshAt = value;
            return this;
        }
        /** The dead-man's switch: the branch expires this long after the lease last extended it. Default 30 minutes. */
        public Builder expiryWindow(Duration value) { this.expiryWindow = PositiveDuration.require(value, "expiryWindow"); return this; }
        /** How long to wait for the branch to accept connections. Default 10 minutes. */
        public Builder readyTimeout(Duration value) { this.readyTimeout = PositiveDuration.require(value, "readyTimeout"); return this; }
        /** How long a kept branch lives before the reaper may delete it. Default 7 days. */
        public Builder keepFor(Duration value) { this.keepFor = PositiveDuration.require(value, "keepFor"); return this; }
        /** Whether to keep the branch at teardown. Default {@link KeepPolicy#NEVER}. */
        public Builder keep(KeepPolicy value) { this.keep = Objects.requireNonNull(value); return this; }
        /** A prefix for every environment variable name: letters, digits and '_', not starting with a digit. Default none. */
        public Builder envPrefix(String value) {
            this.envPrefix = LeaseEnvironment.requireValidPrefix(value == null ? "" : value.trim());
            return this;
        }
        /**
         * Where the password file is written. Default {@link LeaseSpec#defaultSecretsDirectory()}: a folder only this
         * user may enter, {@code $XDG_RUNTIME_DIR/dbbranch} or {@code ~/.dbbranch/secrets}, refused if another user
         * owns it or may enter it.
         */
        public Builder secretsDirectory(Path value) { this.secretsDirectory = Objects.requireNonNull(value); return this; }

        /**
         * What data the branch may hold: schema-only or masked data is applied once the branch is ready, before the
         * build's credential is minted. Default {@link BranchData#full()}.
         */
        public Builder data(BranchData value) { this.data = Objects.requireNonNull(value); return this; }

        /** What to do when a branch of the given {@link #name} exists already. Default {@link OnExists#FAIL}. */
        public Builder onExists(OnExists value) { this.onExists = Objects.requireNonNull(value); return this; }

        /**
         * The pull request the branch belongs to with {@link KeepPolicy#WHILE_PR_OPEN}: an opaque key (up to 200
         * characters) the front end can later answer {@link Reaper.PullRequestLiveness#isOpen} for, such as
         * {@code pr:acme/shop#42} or {@code job:shop/PR-42}. Ignored with other keep policies. Default none.
         */
        public Builder pullRequest(String value) { this.pullRequest = blankToNull(value); return this; }

        /**
         * @throws DbBranchException {@code INVALID_REQUEST} for {@link KeepPolicy#WHILE_PR_OPEN} without a
         *                           {@link #pullRequest}, or a key longer than 200 characters
         */
        /**
         * A limit of live branches of this owner on the connection, and how long to wait for a slot (in line, and while
         * the service refuses for its quota) before failing with {@code TIMEOUT}. Default {@link Capacity#unlimited()}:
         * no limit of ours, and the service's quota refusals waited on for 10 minutes.
         */
        public Builder capacity(Capacity value) { this.capacity = Objects.requireNonNull(value); return this; }

        public LeaseSpec build() {
            if (keep == KeepPolicy.WHILE_PR_OPEN && pullRequest == null) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Keep the branch while its pull request is open",
                        "no pull request was named", "Name it, e.g. pullRequest 'pr:acme/shop#42' (--pull-request on the command line)");
            }
            if (pullRequest != null && pullRequest.length() > 200) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Label the branch with pull request " + pullRequest,
                        "the key has " + pullRequest.length() + " characters", "Use a key of at most 200 characters");
            }
            return new LeaseSpec(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
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
