package io.dbbranch.testkit.neon;

import java.time.Duration;

/**
 * How the Neon emulator behaves; may be changed while it runs (tests do, between scenarios). Defaults follow the
 * service where it matters to clients.
 */
public final class NeonTuning {
    private volatile int operationPolls = 2;
    private volatile Duration operationDuration = Duration.ofSeconds(3);
    private volatile int endpointPolls;
    private volatile boolean lockWhileOperationsRun = true;
    private volatile boolean passwordStorage = true;
    private volatile int wrongEndpointReports;
    private volatile int maxPageSize = 10_000;
    private volatile boolean refuseExpiry;
    private volatile int maxBranches;

    /**
     * The most branches the project may have besides its default branch; a create beyond it is refused with 422
     * {@code BRANCHES_LIMIT_EXCEEDED}, as Neon refuses one over the plan's limit. Default 0: no limit.
     */
    public int maxBranches() {
        return maxBranches;
    }

    public NeonTuning maxBranches(int limit) {
        this.maxBranches = limit;
        return this;
    }

    /** How many polls an operation takes to finish (0: finished in the answer that starts it). Default 2. */
    public int operationPolls() {
        return operationPolls;
    }

    public NeonTuning operationPolls(int polls) {
        this.operationPolls = polls;
        return this;
    }

    /** An operation nobody polls finishes after this long anyway, as on Neon. Default 3 s. */
    public Duration operationDuration() {
        return operationDuration;
    }

    public NeonTuning operationDuration(Duration duration) {
        this.operationDuration = duration;
        return this;
    }

    /** How many looks a new endpoint stays {@code init} after its compute started. Default 0. */
    public int endpointPolls() {
        return endpointPolls;
    }

    public NeonTuning endpointPolls(int polls) {
        this.endpointPolls = polls;
        return this;
    }

    /**
     * Whether changes to a branch are refused with 423 Locked while one of its operations runs, as Neon does ("project
     * already has running conflicting operations"). Default true.
     */
    public boolean lockWhileOperationsRun() {
        return lockWhileOperationsRun;
    }

    public NeonTuning lockWhileOperationsRun(boolean lock) {
        this.lockWhileOperationsRun = lock;
        return this;
    }

    /** Whether the project stores role passwords; when not, {@code reveal_password} answers 412. Default true. */
    public boolean passwordStorage() {
        return passwordStorage;
    }

    public NeonTuning passwordStorage(boolean stored) {
        this.passwordStorage = stored;
        return this;
    }

    /** The most branches one page of a listing holds, whatever the client asks (Neon's cap is 10 000). */
    public int maxPageSize() {
        return maxPageSize;
    }

    public NeonTuning maxPageSize(int size) {
        this.maxPageSize = size;
        return this;
    }

    /**
     * Whether branch expiry ({@code expires_at}) is refused with 400, as Neon does for projects outside its Early
     * Access Program (the field is marked so in the spec). Default false.
     */
    public boolean refuseExpiry() {
        return refuseExpiry;
    }

    public NeonTuning refuseExpiry(boolean refuse) {
        this.refuseExpiry = refuse;
        return this;
    }

    /**
     * The fault behind a real incident: the next {@code reports} descriptions of an endpoint (in a create's answer or an
     * endpoint listing) name the parent branch's id instead of the branch's own.
     */
    public NeonTuning reportWrongEndpointBranch(int reports) {
        this.wrongEndpointReports = reports;
        return this;
    }

    /** Takes one wrong report, if any is pending. */
    synchronized boolean takeWrongEndpointReport() {
        if (wrongEndpointReports <= 0) {
            return false;
        }
        wrongEndpointReports--;
        return true;
    }
}
