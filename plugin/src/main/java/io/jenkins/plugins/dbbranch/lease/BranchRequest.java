package io.jenkins.plugins.dbbranch.lease;

import hudson.Util;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.OnExists;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import io.jenkins.plugins.dbbranch.data.DataRequest;
import io.jenkins.plugins.dbbranch.review.ReviewRequest;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a build asks of its branch, as {@code withDbBranch} and the freestyle wrapper take it: text as written by the
 * user, read into a {@link LeaseSpec} when the build runs (so a wrong value fails the build with a clear message).
 * Holds no secret, so Pipeline may persist it.
 */
public final class BranchRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The folder of Flyway migrations when none is given. */
    public static final String DEFAULT_LOCATIONS = "db/migration";

    // A class, not a record: Pipeline persists it with JBoss Marshalling, which cannot rebuild records.
    private final String connection;
    private final String parent;
    private final String name;
    private final String ttl;
    private final String keep;
    private final String envPrefix;
    private final boolean migrate;
    private final String locations;
    private final String verify;
    private final String expect;
    private final ReviewRequest review;
    private final DataRequest data;
    /** Null in requests saved before it existed: {@code fail}. */
    private final String onExists;

    /**
     * @param connection the configured connection's name; {@code null} when only one is configured
     * @param parent     the branch to branch from; {@code null} for the connection's default
     * @param name       the branch's name; {@code null} to derive one from the job, the change and the build
     * @param ttl        how long the branch outlives a build that died without deleting it (the expiry the lease keeps
     *                   pushing forward); {@code null} for the engine's default
     * @param keep       {@code never}, {@code onFailure}, {@code always} or {@code whilePrOpen}; {@code null} for never
     * @param envPrefix  a prefix for every variable name; {@code null} for none
     * @param migrate    whether to run Flyway on the branch before the body
     * @param locations  Flyway locations, comma separated, relative to the workspace; {@code null} for {@code db/migration}
     * @param verify     a SQL query run on the branch before the body runs, which must meet {@code expect}; {@code null}
     *                   for none
     * @param expect     what {@code verify} must return: {@code non-empty} (default) or a number
     */
    public BranchRequest(String connection, String parent, String name, String ttl, String keep, String envPrefix,
                         boolean migrate, String locations, String verify, String expect) {
        this(connection, parent, name, ttl, keep, envPrefix, migrate, locations, verify, expect, ReviewRequest.NONE, DataRequest.FULL,
                null);
    }

    private BranchRequest(String connection, String parent, String name, String ttl, String keep, String envPrefix,
                          boolean migrate, String locations, String verify, String expect, ReviewRequest review,
                          DataRequest data, String onExists) {
        this.connection = Util.fixEmptyAndTrim(connection);
        this.parent = Util.fixEmptyAndTrim(parent);
        this.name = Util.fixEmptyAndTrim(name);
        this.ttl = Util.fixEmptyAndTrim(ttl);
        this.keep = Util.fixEmptyAndTrim(keep);
        this.envPrefix = Util.fixEmptyAndTrim(envPrefix);
        this.migrate = migrate;
        this.locations = Util.fixEmptyAndTrim(locations);
        this.verify = Util.fixEmptyAndTrim(verify);
        this.expect = Util.fixEmptyAndTrim(expect);
        this.review = review;
        this.data = data;
        this.onExists = Util.fixEmptyAndTrim(onExists);
    }

    /** This request with the migrations reviewed as {@code review} says (a review implies {@code migrate}). */
    public BranchRequest withReview(ReviewRequest review) {
        return new BranchRequest(connection, parent, name, ttl, keep, envPrefix, migrate || review.enabled(), locations, verify,
                expect, review, data, onExists);
    }

    /** This request with the branch's data as {@code data} says (schema-only, masked). */
    public BranchRequest withData(DataRequest data) {
        return new BranchRequest(connection, parent, name, ttl, keep, envPrefix, migrate, locations, verify, expect, review, data,
                onExists);
    }

    /**
     * This request with what to do when a branch of its fixed {@code name} exists already: {@code fail} (default),
     * {@code reuse}, {@code reset} or {@code recreate}.
     */
    public BranchRequest withOnExists(String choice) {
        return new BranchRequest(connection, parent, name, ttl, keep, envPrefix, migrate, locations, verify, expect, review, data,
                choice);
    }

    public String connection() { return connection; }
    public String parent() { return parent; }
    public String name() { return name; }
    public String ttl() { return ttl; }
    public String keep() { return keep; }
    public String envPrefix() { return envPrefix; }
    public boolean migrate() { return migrate; }
    public String locations() { return locations; }
    public String verify() { return verify; }
    public String expect() { return expect; }
    public String onExists() { return onExists; }
    /** Whether and how the migrations are reviewed; never {@code null} (older saved requests have none: no review). */
    public ReviewRequest review() { return review != null ? review : ReviewRequest.NONE; }
    /** What data the branch may hold; never {@code null} (older saved requests have none: full data). */
    public DataRequest data() { return data != null ? data : DataRequest.FULL; }

    /** The keep policy; throws {@code DbBranchException} for a wrong spelling. */
    public KeepPolicy keepPolicy() {
        return KeepPolicy.parse(keep);
    }

    /** The Flyway locations, relative to the workspace. */
    public List<String> locationList() {
        return Arrays.stream((locations != null ? locations : DEFAULT_LOCATIONS).split(","))
                .map(String::trim).filter(location -> !location.isEmpty()).toList();
    }

    /** The parent to branch from. */
    public String parentOn(DbConnection on) {
        return parent != null ? parent : on.defaultParent();
    }

    /**
     * The engine's spec for this request.
     *
     * @param branchName the branch's name: {@link #name()}, or one derived for the build, or the one being resumed
     * @param secrets    where the engine writes the password file
     * @param branchData the data policy, read by {@link DataRequest#read} (the masking file is in the workspace)
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} for a wrong ttl, keep, on exists, name or
     *                                             connection wait
     */
    public LeaseSpec toSpec(DbConnection on, String owner, BuildIdentity build, String branchName, Path secrets,
                            BranchData branchData) {
        LeaseSpec.Builder spec = LeaseSpec.builder(parentOn(on)).name(branchName).owner(owner)
                .job(build.job()).build(build.build()).change(build.change()).keep(keepPolicy())
                .onExists(OnExists.parse(onExists)).pullRequest(build.pullRequestKey()).capacity(on.capacity())
                .envPrefix(envPrefix).secretsDirectory(secrets).data(branchData);
        if (ttl != null) {
            spec.expiryWindow(DurationText.parse("ttl", ttl));
        }
        return spec.build();
    }
}
