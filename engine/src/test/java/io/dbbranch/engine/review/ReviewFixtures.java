package io.dbbranch.engine.review;

import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.migration.MigrationFixtures;
import io.dbbranch.engine.migration.MigrationOptions;
import io.dbbranch.engine.migration.Migrator;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.review.policy.PolicyFile;
import io.dbbranch.engine.review.policy.ReviewPolicy;
import io.dbbranch.engine.testing.TestPostgres;
import io.dbbranch.engine.testing.TestProviders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A parent shaped like production for review tests, built once per test class, and reviews of migrations on fresh
 * copies of it: plain template copies, or branches made by the plain-PostgreSQL provider, where each branch has its
 * own role, which owns every object in it, and the migrations run as that role, as they would in a build.
 */
final class ReviewFixtures implements AutoCloseable {
    /** Rows in {@code orders}: a big table by the default policy (100 000 rows). */
    static final int ORDERS = 200_000;
    static final int CUSTOMERS = 1_000;

    private final PostgresProvider provider = TestProviders.postgres(Duration.ofSeconds(10));
    private final String parent;
    private final List<String> progress = new ArrayList<>();

    ReviewFixtures() {
        parent = TestProviders.uniqueName("review-parent");
        TestPostgres.execute("postgres", "CREATE DATABASE \"" + parent + "\" STRATEGY FILE_COPY");
        TestPostgres.execute(parent,
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, " + CUSTOMERS + ") i",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount int NOT NULL, note text, "
                        + "created_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO orders (id, customer_id, amount, note) SELECT i, 1 + i % " + CUSTOMERS + ", i % 997, 'order ' || i "
                        + "FROM generate_series(1, " + ORDERS + ") i",
                "CREATE TABLE archive (id int PRIMARY KEY, old text)",
                "ANALYZE");
    }

    /** The parent's name. */
    String parent() {
        return parent;
    }

    /**
     * Reviews the migrations {@code V2__…}, {@code V3__…} in order (each given as its SQL) on a fresh copy of the
     * parent (as the server's superuser, for speed: the provider's branches, with their own roles, are exercised by
     * {@link #reviewOnBranch}), then drops the copy.
     */
    ReviewReport review(Path folder, ReviewPolicy policy, String... scripts) {
        String copy = MigrationFixtures.branchOf(parent);
        try {
            return new MigrationReview(new Migrator(MigrationFixtures.target(copy), options(folder, scripts)),
                    ReviewOptions.defaults().withPolicy(policy)).run();
        } finally {
            TestPostgres.execute("postgres", "DROP DATABASE \"" + copy + "\" WITH (FORCE)");
        }
    }

    /** Reviews on a branch the plain-PostgreSQL provider leases: migrations and observer run as the branch's own role. */
    ReviewReport reviewOnBranch(Path folder, ReviewOptions options, String... scripts) {
        return new BranchReview(provider, progress::add, getClass().getClassLoader()).run(spec(), options(folder, scripts), options);
    }

    /** What the reviews on branches reported as progress. */
    List<String> progress() {
        return progress;
    }

    /** Reviews under the default policy with these policy-file lines laid over it. */
    ReviewReport review(Path folder, String policyLines, String... scripts) {
        return review(folder, ReviewPolicy.defaults().with(PolicyFile.parse(policyLines, "test")), scripts);
    }

    LeaseSpec spec() {
        return LeaseSpec.builder(parent).namePrefix("review").owner(TestProviders.OWNER).keep(KeepPolicy.NEVER).build();
    }

    /** Writes the scripts as {@code V2__step_2.sql}, {@code V3__step_3.sql}, … into a new folder under {@code folder}. */
    static MigrationOptions options(Path folder, String... scripts) {
        try {
            Path dir = Files.createTempDirectory(folder, "migrations");
            for (int i = 0; i < scripts.length; i++) {
                Files.writeString(dir.resolve("V" + (i + 2) + "__step_" + (i + 2) + ".sql"), scripts[i]);
            }
            return MigrationOptions.builder().location(dir).baselineOnMigrate(true).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PostgresProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        provider.close();
    }
}
