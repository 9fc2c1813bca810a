package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.credentials.PgPassFile;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps a live lease alive in the background: re-mints the token at a fraction of its life (rewriting the
 * password file) and pushes the branch's expiry forward (the dead-man's switch), so that a build longer than a
 * token's life still connects, and a build that dies leaves a branch that expires soon after.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final BranchProvider provider;
    private final BranchInfo branch;
    private final ConnectionDetails connection;
    private final LeaseSpec spec;
    private final PgPassFile passFile;
    private final Progress progress;
    private final AtomicReference<Credential> credential;
    private final Consumer<Credential> onRefresh;
    private final ScheduledExecutorService scheduler;
    /** Held while a refresh or heartbeat runs, so that {@link #close()} can wait for one in flight and for nothing else. */
    private final ReentrantLock working = new ReentrantLock();
    private volatile boolean closed;

    LeaseKeeper(BranchProvider provider, BranchInfo branch, ConnectionDetails connection, LeaseSpec spec, PgPassFile passFile,
                Progress progress, AtomicReference<Credential> credential, Consumer<Credential> onRefresh) {
        this.provider = provider;
        this.branch = branch;
        this.connection = connection;
        this.spec = spec;
        this.passFile = passFile;
        this.progress = progress;
        this.credential = credential;
        this.onRefresh = onRefresh;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbbranch-keeper-" + branch.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        scheduleRefresh(refreshDelay(credential.get()));
        long heartbeat = Math.max(1, spec.expiryWindow().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::extendExpiry, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /**
     * When to re-mint a credential that was just minted: at the configured fraction of the life it really has
     * (a provider may cap it below the requested TTL, e.g. at the branch's expiry), never sooner than
     * {@link #MIN_RETRY}, so a short-lived credential cannot make us call the provider in a tight loop.
     */
    private Duration refreshDelay(Credential current) {
        Duration life = Duration.between(Instant.now(), current.expiresAt());
        Duration delay = Duration.ofMillis((long) (life.toMillis() * spec.refreshAt()));
        return delay.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : delay;
    }

    private void scheduleRefresh(Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        whileOpen(this::mint);
    }

    private void mint() {
        try {
            Credential fresh = provider.mintCredential(branch, connection, spec.credentialTtl());
            passFile.write(connection, fresh.user(), fresh.password());
            credential.set(fresh);
            onRefresh.accept(fresh);
            progress.report("refreshed the credential of " + branch.name() + "; valid until " + fresh.expiresAt());
            scheduleRefresh(refreshDelay(fresh));
        } catch (DbBranchException e) {
            // Keep trying while the current token is still valid: the next attempt may well succeed.
            Duration left = Duration.between(Instant.now(), credential.get().expiresAt());
            Duration retry = clamp(left.dividedBy(4));
            progress.report("could not refresh the credential of " + branch.name() + " (" + e.getMessage()
                    + "); retrying in " + retry.toSeconds() + " s");
            scheduleRefresh(retry);
        }
    }

    private void extendExpiry() {
        whileOpen(this::heartbeat);
    }

    private void heartbeat() {
        try {
            provider.extendExpiry(branch, Instant.now().plus(spec.expiryWindow()));
        } catch (DbBranchException e) {
            progress.report("could not extend the expiry of " + branch.name() + " (" + e.getMessage() + "); will retry");
        }
    }

    /** Runs a task of the keeper unless it was closed meanwhile (a task taken from the queue just before the close). */
    private void whileOpen(Runnable task) {
        working.lock();
        try {
            if (!closed) {
                task.run();
            }
        } finally {
            working.unlock();
        }
    }

    private static Duration clamp(Duration value) {
        return value.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : value.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : value;
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        // Waits for a refresh or heartbeat in flight (it may be rewriting the password file), not for the thread to end:
        // an idle keeper's thread ends by itself, and waiting until it was scheduled again cost each of 50 leases at
        // once about 90 ms on a busy machine.
        try {
            if (working.tryLock(10, TimeUnit.SECONDS)) {
                working.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
