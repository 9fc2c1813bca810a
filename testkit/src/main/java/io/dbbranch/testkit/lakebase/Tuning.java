package io.dbbranch.testkit.lakebase;

import java.time.Duration;

/**
 * How the emulator behaves; may be changed while it runs (tests do, between scenarios).
 * Defaults follow the real service where it matters to clients.
 */
public final class Tuning {
    private volatile int operationPolls = 2;
    private volatile Duration operationDuration = Duration.ofSeconds(3);
    private volatile int endpointPolls;
    private volatile Duration minCredentialTtl = Duration.ofSeconds(300);
    private volatile Duration maxCredentialTtl = Duration.ofSeconds(3600);
    private volatile Duration accessTokenTtl = Duration.ofSeconds(3600);
    private volatile int maxPageSize = 100;
    private volatile int maxBranches;

    /** How many polls of a create operation it takes to finish (0: finished in the create's answer). Default 2. */
    public int operationPolls() {
        return operationPolls;
    }

    public Tuning operationPolls(int polls) {
        this.operationPolls = polls;
        return this;
    }

    /** How long a create operation takes at most, polled or not. Default 3 s. */
    public Duration operationDuration() {
        return operationDuration;
    }

    public Tuning operationDuration(Duration duration) {
        this.operationDuration = duration;
        return this;
    }

    /** How many looks at a new branch's endpoint it stays {@code INIT} after the branch is ready. Default 0. */
    public int endpointPolls() {
        return endpointPolls;
    }

    public Tuning endpointPolls(int polls) {
        this.endpointPolls = polls;
        return this;
    }

    /** The shortest credential TTL accepted: 300 s as on Lakebase; tests lower it to watch credentials expire. */
    public Duration minCredentialTtl() {
        return minCredentialTtl;
    }

    public Tuning minCredentialTtl(Duration ttl) {
        this.minCredentialTtl = ttl;
        return this;
    }

    /** The longest credential TTL accepted: 3600 s. */
    public Duration maxCredentialTtl() {
        return maxCredentialTtl;
    }

    public Tuning maxCredentialTtl(Duration ttl) {
        this.maxCredentialTtl = ttl;
        return this;
    }

    /** The lifetime of OAuth access tokens: 3600 s. */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    public Tuning accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = ttl;
        return this;
    }

    /**
     * The most branches the project may have besides its default branch; a create beyond it is refused as the
     * service refuses one over its quota (HTTP 429 {@code RESOURCE_EXHAUSTED} with a QuotaFailure). Default 0: no limit.
     */
    public int maxBranches() {
        return maxBranches;
    }

    public Tuning maxBranches(int limit) {
        this.maxBranches = limit;
        return this;
    }

    /** The most branches one list page holds, whatever the client asks: 100. Lower it to exercise paging. */
    public int maxPageSize() {
        return maxPageSize;
    }

    public Tuning maxPageSize(int size) {
        this.maxPageSize = size;
        return this;
    }
}
