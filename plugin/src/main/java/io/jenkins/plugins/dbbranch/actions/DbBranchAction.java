package io.jenkins.plugins.dbbranch.actions;

import hudson.model.Run;
import hudson.util.CopyOnWriteList;
import io.dbbranch.engine.lease.TeardownResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * The build page's "Database branches": every branch the build made, its parent, restore point, credential expiry,
 * migrations, timings and whether teardown succeeded. Saved in {@code build.xml} (without any secret) at each change,
 * so that after a crash the clean-up knows which branches the build may have left behind.
 */
public final class DbBranchAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(DbBranchAction.class.getName());

    private static final Object ADDING = new Object();

    private final CopyOnWriteList<BranchRecord> records = new CopyOnWriteList<>();
    /** Null in builds saved before reviews existed (XStream runs no initialisers). */
    private CopyOnWriteList<ReviewRecord> reviews = new CopyOnWriteList<>();
    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    public static DbBranchAction of(Run<?, ?> run) {
        synchronized (ADDING) {
            DbBranchAction action = run.getAction(DbBranchAction.class);
            if (action == null) {
                action = new DbBranchAction();
                run.addAction(action);
            }
            return action;
        }
    }

    public List<BranchRecord> getRecords() {
        return List.copyOf(records.getView());
    }

    public List<ReviewRecord> getReviews() {
        return reviews == null ? List.of() : List.copyOf(reviews.getView());
    }

    /** Records a migration review and saves the build. */
    public void addReview(ReviewRecord review) {
        synchronized (ADDING) {
            if (reviews == null) {
                reviews = new CopyOnWriteList<>();
            }
        }
        reviews.add(review);
        save();
    }

    /** Records a new branch and saves the build. */
    public void add(BranchRecord record) {
        records.add(record);
        save();
    }

    /** Changes the record of {@code key} (if any) and saves the build. */
    public void update(String key, Consumer<BranchRecord> change) {
        records.getView().stream().filter(record -> record.getKey().equals(key)).forEach(change);
        save();
    }

    /** Records what teardown did. */
    public void tornDown(String key, TeardownResult result) {
        update(key, record -> {
            record.timing("teardown", result.elapsed().toMillis());
            if (result.failure() != null) {
                record.status(BranchRecord.Status.LEFT_BEHIND, result.failure().getMessage());
            } else if (result.kept()) {
                record.status(BranchRecord.Status.KEPT, "kept by the keep policy");
            } else {
                record.status(BranchRecord.Status.DELETED, null);
            }
        });
    }

    /** Records how long the lease's steps took. */
    public void timings(String key, Map<String, Duration> timings) {
        update(key, record -> timings.forEach((name, took) -> record.timing(name, took.toMillis())));
    }

    /** A setter of a record field, for the few callers outside this package. */
    public void describe(String key, String restorePoint, String credentialExpiresAt, String migrations) {
        update(key, record -> {
            if (restorePoint != null) {
                record.restorePoint(restorePoint);
            }
            if (credentialExpiresAt != null) {
                record.credentialExpiresAt(credentialExpiresAt);
            }
            if (migrations != null) {
                record.migrations(migrations);
            }
        });
    }

    /** Records how long one more step took, e.g. {@code migrate}. */
    public void timing(String key, String name, long millis) {
        update(key, record -> record.timing(name, millis));
    }

    /** Marks a record with a status and why. */
    public void status(String key, BranchRecord.Status status, String why) {
        update(key, record -> record.status(status, why));
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-server";
    }

    @Override
    public String getDisplayName() {
        return Messages.DbBranchAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "database-branches";
    }

    private void save() {
        Run<?, ?> owner = run;
        if (owner == null) {
            return;
        }
        try {
            owner.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the database branches of " + owner, e);
        }
    }
}
