package io.dbbranch.engine.postgres;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.credentials.JwtMinter;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.ParentAccess;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.SharedSlots;
import io.dbbranch.engine.spi.StatisticsReset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Branches on any PostgreSQL server we administer: a branch is a database copied from its parent, owned by
 * a login role of the same name whose password is a short-lived JWT. There is no native expiry: the labels
 * in the database comment carry it, and the reaper acts on them. Branching from the past is not possible
 * on a plain server (use the {@code local} provider, Lakebase or Neon for that).
 */
public class PostgresProvider implements BranchProvider, StatisticsReset {
    private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, BranchName.MAX_LENGTH,
            Duration.ofSeconds(2), Duration.ofHours(12), Duration.ofDays(30));

    private final PostgresConfig config;
    private final AdminConnections admin;
    private final JwtMinter minter;

    public PostgresProvider(PostgresConfig config) {
        this.config = config;
        this.admin = new AdminConnections(config);
        this.minter = new JwtMinter("dbbranch:" + config.owner());
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public BranchInfo createBranch(CreateBranchRequest request) {
        String asked = "Create branch '" + request.name() + "' of '" + request.parent() + "'";
        BranchName.validate(request.name());
        if (request.from().isHistorical()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " at " + request.from(),
                    "a plain PostgreSQL server cannot branch from the past",
                    "Branch from the head, or use the local provider, Lakebase or Neon for point-in-time branches");
        }
        try (Connection connection = admin.maintenance()) {
            ReservedDatabases.refuseAsParent(connection, request.parent(), config.adminDatabase(), asked);
            if (BranchCatalog.find(connection, request.parent()).isEmpty()) {
                throw DbBranchException.of(ErrorCode.NOT_FOUND, asked, "there is no database '" + request.parent() + "'",
                        "Existing databases: " + String.join(", ", BranchCatalog.names(connection)));
            }
            if (BranchCatalog.find(connection, request.name()).isPresent()) {
                throw NameTaken.error(asked, null);
            }
            // The role first, labelled: from here on, whatever instant the process dies at, the reaper finds the branch.
            BranchRoles.createLabelled(connection, request.name(), BranchCatalog.labelsJson(request.parent(), request.labels()));
            StepHooks.reached("postgres.create.role-made");
            boolean copied = false;
            try {
                DatabaseCopier.copy(connection, request.parent(), request.name(), request.name(), config.parentBusyWait());
                copied = true;
                StepHooks.reached("postgres.create.database-made");
                finishBranch(connection, request.name(), request.parent(), request.labels());
            } catch (SQLException | RuntimeException | InterruptedException e) {
                // A copy that failed made no database, and one of that name, if any, is someone else's: only the role goes.
                dropHalfMade(request.name(), copied).ifPresent(e::addSuppressed);
                throw e;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interruptedAfterCopy(asked, request.name());
            }
            return BranchCatalog.find(connection, request.name()).orElseThrow();
        } catch (SQLException e) {
            throw NameTaken.byRace(e) ? NameTaken.error(asked, e) : AdminConnections.failure(asked, e);
        } catch (InterruptedException e) {
            // Interrupted while waiting for the parent's sessions to leave: the copy never ran, and the role was dropped
            // unless a failure to drop it is attached.
            Thread.currentThread().interrupt();
            DbBranchException stopped = new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted; "
                    + (e.getSuppressed().length == 0 ? "nothing was left behind" : "its role may have been left behind"), e);
            for (Throwable cleanup : e.getSuppressed()) {
                stopped.addSuppressed(cleanup);
            }
            throw stopped;
        }
    }

    /**
     * A signal that came while the copy or the set-up ran (JDBC calls cannot be interrupted) finds the branch made: it
     * is dropped as a half-made one, since whoever interrupted no longer wants it.
     */
    private DbBranchException interruptedAfterCopy(String asked, String name) {
        Optional<DbBranchException> left = dropHalfMade(name, true);
        DbBranchException stopped = new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted; "
                + (left.isEmpty() ? "the branch made meanwhile was dropped" : "the branch made meanwhile may have been left behind"));
        left.ifPresent(stopped::addSuppressed);
        return stopped;
    }

    /**
     * Makes {@code name}, a database of this server that arrived by other means (the local provider's restored
     * clusters), a branch of {@code parent} as if {@link #createBranch} had copied it: labels, its own login role,
     * ownership of everything in it. The caller removes the database if this fails.
     */
    public BranchInfo adoptBranch(String name, String parent, Labels labels) {
        try (Connection connection = admin.maintenance()) {
            BranchRoles.createLabelled(connection, name, BranchCatalog.labelsJson(parent, labels));
            finishBranch(connection, name, parent, labels);
            return BranchCatalog.find(connection, name).orElseThrow();
        } catch (SQLException e) {
            throw AdminConnections.failure("Make database '" + name + "' a branch of '" + parent + "'", e);
        }
    }

    /** Labels the database of a branch whose role exists, and hands the database and everything in it to the role. */
    private void finishBranch(Connection connection, String name, String parent, Labels labels) throws SQLException {
        BranchRoles.ownDatabase(connection, name, BranchCatalog.labelStatement(name, parent, labels));
        StepHooks.reached("postgres.create.labelled");
        try (Connection branch = admin.open(name)) {
            BranchRoles.takeOwnership(branch, name);
        }
        StepHooks.reached("postgres.create.owned");
    }

    @Override
    public ConnectionDetails awaitReady(BranchInfo branch, Duration timeout, Progress progress) {
        // CREATE DATABASE returns only once the copy is complete and connectable.
        return admin.details(branch.name());
    }

    @Override
    public Credential mintCredential(BranchInfo branch, ConnectionDetails connection, Duration ttl) {
        checkTtl(branch, ttl);
        Instant expiresAt = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        Secret token = minter.mint(branch.name(), branch.name(), expiresAt);
        try (Connection connectionToAdmin = admin.maintenance()) {
            BranchRoles.setPassword(connectionToAdmin, branch.name(), token, expiresAt);
        } catch (SQLException e) {
            throw AdminConnections.failure("Mint a credential for branch '" + branch.name() + "'", e);
        }
        return new Credential(branch.name(), token, expiresAt, true);
    }

    @Override
    public void clearStatistics(BranchInfo branch, Collection<Long> tableOids) {
        try (Connection connection = admin.open(branch.name())) {
            BranchStatistics.clear(connection, tableOids);
        } catch (SQLException e) {
            throw AdminConnections.failure("Clear the statistics of emptied tables in branch '" + branch.name() + "'", e);
        }
    }

    @Override
    public Optional<BranchInfo> findBranch(String name) {
        try (Connection connection = admin.maintenance()) {
            Optional<BranchInfo> database = BranchCatalog.find(connection, name);
            return database.isPresent() ? database : BranchCatalog.findRoleWithoutDatabase(connection, name);
        } catch (SQLException e) {
            throw AdminConnections.failure("Look up branch '" + name + "'", e);
        }
    }

    @Override
    public List<BranchInfo> listBranches(String namePrefix) {
        try (Connection connection = admin.maintenance()) {
            return BranchCatalog.list(connection, namePrefix);
        } catch (SQLException e) {
            throw AdminConnections.failure("List branches starting with '" + namePrefix + "'", e);
        }
    }

    @Override
    public void extendExpiry(BranchInfo branch, Instant expiresAt) {
        if (branch.labels() == null) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Extend the expiry of branch '" + branch.name() + "'",
                    "it carries no dbbranch labels, so it was not made by dbbranch", "Leave it alone or delete it by hand");
        }
        try (Connection connection = admin.maintenance()) {
            BranchCatalog.writeLabels(connection, branch.name(), branch.parent(), branch.labels().withExpiresAt(expiresAt));
        } catch (SQLException e) {
            throw AdminConnections.failure("Extend the expiry of branch '" + branch.name() + "'", e);
        }
    }

    @Override
    public boolean deleteBranch(BranchInfo branch) {
        try (Connection connection = admin.maintenance()) {
            boolean existed = BranchCatalog.find(connection, branch.name()).isPresent();
            DatabaseDrop.dropIfExists(connection, branch.name());
            StepHooks.reached("postgres.delete.database-dropped");
            // The role goes last: killed before this, it still names the branch and its owner (BranchCatalog lists it).
            return BranchRoles.dropIfOurs(connection, branch.name()) || existed;
        } catch (SQLException e) {
            throw AdminConnections.failure("Delete branch '" + branch.name() + "'", e);
        }
    }

    /** Session advisory locks on the maintenance database ({@link AdvisorySlots}). */
    @Override
    public Optional<SharedSlots> sharedSlots() {
        return Optional.of(new AdvisorySlots(admin));
    }

    /** A login that owns the parent's objects, chosen as {@link ParentOwnerLogin} says, for work on the parent itself. */
    @Override
    public Optional<ParentAccess> parentAccess(String name, Duration ttl) {
        Optional<BranchInfo> parent = findBranch(name);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        String asked = "Log in to '" + name + "' as the owner of its objects";
        ParentOwnerLogin.Choice choice;
        try {
            choice = ParentOwnerLogin.choose(admin, config.adminUser(), name, asked);
        } catch (SQLException e) {
            throw AdminConnections.failure(asked, e);
        }
        ConnectionDetails details = admin.details(name);
        if (choice == ParentOwnerLogin.Choice.BRANCH_ROLE) {
            return Optional.of(new ParentAccess(details, mintCredential(parent.get(), details, ttl)));
        }
        if (choice == ParentOwnerLogin.Choice.ADMIN) {
            return Optional.of(new ParentAccess(details,
                    new Credential(config.adminUser(), config.adminPassword(), Instant.now().plus(ttl), false)));
        }
        return Optional.empty();
    }

    /** The server's version and whether it clones a parent's files for a branch (PostgreSQL 18's {@code file_copy_method}). */
    public DatabaseCopyMethod copyMethod() {
        try (Connection connection = admin.maintenance()) {
            return DatabaseCopyMethod.of(connection);
        } catch (SQLException e) {
            throw AdminConnections.failure("Read how the server copies databases", e);
        }
    }

    /**
     * Creates an empty root database: a parent to branch from, e.g. {@code main} on a fresh server. Like a branch
     * it is owned by a login role of its own name (so {@link #mintCredential} works on it) and closed to
     * {@code PUBLIC}; its labels carry {@code labels}' expiry, normally none, so no reaper deletes it.
     *
     * @throws DbBranchException {@code ALREADY_EXISTS} when a database of that name exists
     */
    public BranchInfo createRoot(String name, Labels labels) {
        String asked = "Create root database '" + name + "'";
        BranchName.validate(name);
        try (Connection connection = admin.maintenance()) {
            if (BranchCatalog.find(connection, name).isPresent()) {
                throw NameTaken.error(asked, null);
            }
            BranchRoles.createLabelled(connection, name, BranchCatalog.labelsJson(null, labels));
            boolean made = false;
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + SqlText.identifier(name) + " OWNER " + SqlText.identifier(name));
                made = true;
                BranchRoles.ownDatabase(connection, name, BranchCatalog.labelStatement(name, null, labels));
            } catch (SQLException | RuntimeException e) {
                dropHalfMade(name, made).ifPresent(e::addSuppressed);
                throw e;
            }
            return BranchCatalog.find(connection, name).orElseThrow();
        } catch (SQLException e) {
            throw NameTaken.byRace(e) ? NameTaken.error(asked, e) : AdminConnections.failure(asked, e);
        }
    }

    /**
     * Refuses the maintenance database and templates as a parent (see {@link ReservedDatabases}), for subclasses that
     * branch by other means than {@link #createBranch}.
     */
    protected void refuseReservedParent(String parent, String asked) {
        try (Connection connection = admin.maintenance()) {
            ReservedDatabases.refuseAsParent(connection, parent, config.adminDatabase(), asked);
        } catch (SQLException e) {
            throw AdminConnections.failure(asked, e);
        }
    }

    /** The admin's view of the server, for subclasses and migrations that must act on a parent. */
    protected ConnectionDetails adminDetails(String database) {
        return admin.details(database);
    }

    private void checkTtl(BranchInfo branch, Duration ttl) {
        if (ttl.compareTo(CAPABILITIES.minCredentialTtl()) < 0 || ttl.compareTo(CAPABILITIES.maxCredentialTtl()) > 0) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Mint a credential for branch '" + branch.name()
                            + "' valid for " + ttl.toSeconds() + " s",
                    "the lifetime must be between " + CAPABILITIES.minCredentialTtl().toSeconds() + " s and "
                            + CAPABILITIES.maxCredentialTtl().toHours() + " h", "Choose a lifetime in that range");
        }
    }

    /**
     * Drops the role a create of ours made, and its database when {@code databaseMade}; returns why it could not, if so.
     * Runs with the interrupt flag cleared (restored after), so that an interrupted create still cleans up.
     */
    private Optional<DbBranchException> dropHalfMade(String name, boolean databaseMade) {
        boolean interrupted = Thread.interrupted();
        try (Connection connection = admin.maintenance()) {
            if (databaseMade) {
                DatabaseDrop.dropIfExists(connection, name);
            }
            BranchRoles.dropIfOurs(connection, name);
            return Optional.empty();
        } catch (SQLException | RuntimeException cleanup) {
            return Optional.of(new DbBranchException(ErrorCode.PROVIDER_ERROR, "Clean up the half-made branch '" + name
                    + "': " + cleanup.getMessage() + "; it may have been left behind", cleanup));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
