package io.jenkins.plugins.dbbranch.actions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One branch a build made, as its build page shows it: kept in {@code build.xml}, so it survives restarts and tells
 * the clean-up what a crashed build left behind. Holds no secret. A plain class (not a record) for XStream.
 */
public final class BranchRecord {
    /** Where the branch is in its life. */
    public enum Status {
        /** Made and in use by the build. */
        LIVE,
        /** Deleted at the end. */
        DELETED,
        /** Kept on purpose (keep policy, or a recovery branch). */
        KEPT,
        /** Teardown failed: the branch may be left until its expiry passes and a reaper deletes it. */
        LEFT_BEHIND
    }

    private final String key;
    private final String step;
    private final String connection;
    private final String branch;
    private final String branchId;
    private final String parent;
    private String restorePoint;
    private String credentialExpiresAt;
    private String migrations;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private Status status = Status.LIVE;
    private String detail;

    /**
     * @param key        the lease's key, unique in the build
     * @param step       what made it: {@code withDbBranch}, {@code pitrRestore}, {@code wrapper}
     * @param connection the connection's name
     */
    public BranchRecord(String key, String step, String connection, String branch, String branchId, String parent) {
        this.key = key;
        this.step = step;
        this.connection = connection;
        this.branch = branch;
        this.branchId = branchId;
        this.parent = parent;
    }

    public String getKey() { return key; }
    public String getStep() { return step; }
    public String getConnection() { return connection; }
    public String getBranch() { return branch; }
    public String getBranchId() { return branchId; }
    public String getParent() { return parent; }
    public String getRestorePoint() { return restorePoint; }
    public String getCredentialExpiresAt() { return credentialExpiresAt; }
    public String getMigrations() { return migrations; }
    public Status getStatus() { return status; }
    public String getDetail() { return detail; }

    /** How long each step took, in milliseconds: {@code create}, {@code ready}, {@code migrate}, {@code teardown}. */
    public synchronized Map<String, Long> getTimings() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** Whether teardown ran and did what it should (deleted, or kept on purpose). */
    public boolean isTeardownSucceeded() {
        return status == Status.DELETED || status == Status.KEPT;
    }

    public boolean isLive() {
        return status == Status.LIVE;
    }

    synchronized void restorePoint(String value) { this.restorePoint = value; }
    synchronized void credentialExpiresAt(String value) { this.credentialExpiresAt = value; }
    synchronized void migrations(String value) { this.migrations = value; }
    synchronized void timing(String name, long millis) { timings.put(name, millis); }

    synchronized void status(Status value, String why) {
        this.status = value;
        this.detail = why;
    }
}
