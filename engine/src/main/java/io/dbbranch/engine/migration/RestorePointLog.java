package io.dbbranch.engine.migration;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes restore points on a database and records them in a small table of that database,
 * {@code dbbranch.restore_points}, so that they can be looked up by name later (by {@code pitrRestore}, a front end
 * or a person with {@code psql}).
 *
 * <p>Why a table in the database itself: it is the one place every provider lets the parent's owner write, it is
 * found wherever the parent is (no state on a Jenkins agent that may be gone), and its history is the database's
 * history. The row is committed <em>after</em> the point it describes, so a database restored to a point no longer
 * lists that point or any later one: the log always shows the points that lie in the database's own past, which are
 * exactly the ones it can still be taken back to. Look a point up before restoring, not after.
 *
 * <p>Each point is the server's clock and WAL position, plus a named WAL restore
 * point ({@code pg_create_restore_point}) where permitted; when it is not (no superuser, {@code wal_level=minimal},
 * a hosted service), the time and LSN still work and the row says why there is no name. The LSN is the WAL
 * <em>insert</em> position ({@code pg_current_wal_insert_lsn()}), not the write position ({@code pg_current_wal_lsn()}):
 * with {@code synchronous_commit=off} the write position lags behind commits that were already acknowledged, and a
 * point taken there would lose them.
 */
public final class RestorePointLog {
    /** The schema that holds dbbranch's own bookkeeping in a database; schema diffs leave it out. */
    public static final String SCHEMA = "dbbranch";
    /** The log table. */
    public static final String TABLE = SCHEMA + ".restore_points";
    /** PostgreSQL's limit on restore point names. */
    static final int MAX_NAME_LENGTH = 63;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "name, created_at, lsn::text, named, reason, created_by, note";

    private final MigrationTarget database;

    public RestorePointLog(MigrationTarget database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** {@code dbbranch-migrate-<parent>-<UTC time>}, shortened to PostgreSQL's 63 characters. */
    public static String migrationPointName(String parent, Instant at) {
        String head = "dbbranch-migrate-";
        String tail = "-" + STAMP.format(at);
        String middle = parent.length() > MAX_NAME_LENGTH - head.length() - tail.length()
                ? parent.substring(0, MAX_NAME_LENGTH - head.length() - tail.length()) : parent;
        return head + middle + tail;
    }

    /**
     * Takes a restore point now and records it.
     *
     * @throws DbBranchException {@code ALREADY_EXISTS} when the name is taken, {@code PERMISSION_DENIED} when the
     *                           login may not create the log table
     */
    public RecordedRestorePoint create(String name, String reason, String createdBy) {
        String asked = "Record restore point '" + name + "' on " + database.label();
        if (name.length() > MAX_NAME_LENGTH) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the name is longer than 63 characters",
                    "Use a shorter name");
        }
        try (Connection connection = database.connect("dbbranch-restore-point", Guardrails.DEFAULT)) {
            ensureTable(connection);
            if (find(connection, name).isPresent()) {
                throw DbBranchException.of(ErrorCode.ALREADY_EXISTS, asked, "a restore point of that name is recorded already",
                        "Choose another name");
            }
            Instant time;
            String lsn;
            try (Statement statement = connection.createStatement();
                 ResultSet now = statement.executeQuery("SELECT clock_timestamp(), pg_current_wal_insert_lsn()::text")) {
                now.next();
                time = now.getTimestamp(1).toInstant();
                lsn = now.getString(2);
            }
            String note = null;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_create_restore_point(?)::text")) {
                statement.setString(1, name);
                try (ResultSet point = statement.executeQuery()) {
                    point.next();
                    lsn = point.getString(1);
                }
            } catch (SQLException refused) {
                note = "no named restore point in the WAL: " + refused.getMessage() + " [SQLSTATE " + refused.getSQLState() + "]";
            }
            RecordedRestorePoint recorded = new RecordedRestorePoint(name, database.label(), time, lsn, note == null, reason,
                    createdBy, note);
            insert(connection, recorded);
            return recorded;
        } catch (SQLException e) {
            throw DbBranchException.of("42501".equals(e.getSQLState()) ? ErrorCode.PERMISSION_DENIED : ErrorCode.PROVIDER_ERROR,
                    asked, e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]",
                    "The login must own the database or may create the schema '" + SCHEMA + "' in it", e);
        }
    }

    /** The restore point of that name, if this database's past holds one. */
    public Optional<RecordedRestorePoint> find(String name) {
        try (Connection connection = database.connect("dbbranch-restore-point", Guardrails.DEFAULT)) {
            return hasTable(connection) ? find(connection, name) : Optional.empty();
        } catch (SQLException e) {
            throw readFailure("Look up restore point '" + name + "' on " + database.label(), e);
        }
    }

    /** Every recorded restore point, oldest first. */
    public List<RecordedRestorePoint> list() {
        try (Connection connection = database.connect("dbbranch-restore-point", Guardrails.DEFAULT)) {
            List<RecordedRestorePoint> points = new ArrayList<>();
            if (!hasTable(connection)) {
                return points;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY created_at, name")) {
                while (rows.next()) {
                    points.add(read(rows));
                }
            }
            return points;
        } catch (SQLException e) {
            throw readFailure("List the restore points of " + database.label(), e);
        }
    }

    private Optional<RecordedRestorePoint> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private RecordedRestorePoint read(ResultSet row) throws SQLException {
        return new RecordedRestorePoint(row.getString(1), database.label(), row.getTimestamp(2).toInstant(), row.getString(3),
                row.getBoolean(4), row.getString(5), row.getString(6), row.getString(7));
    }

    private static void insert(Connection connection, RecordedRestorePoint point) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + TABLE
                + " (name, created_at, lsn, named, reason, created_by, note) VALUES (?, ?, ?::pg_lsn, ?, ?, ?, ?)")) {
            statement.setString(1, point.name());
            statement.setObject(2, point.time().atOffset(ZoneOffset.UTC));
            statement.setString(3, point.lsn());
            statement.setBoolean(4, point.named());
            statement.setString(5, point.reason());
            statement.setString(6, point.createdBy());
            statement.setString(7, point.note());
            statement.executeUpdate();
        }
    }

    private static void ensureTable(Connection connection) throws SQLException {
        if (hasTable(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA + " AUTHORIZATION CURRENT_USER");
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name text PRIMARY KEY, "
                    + "created_at timestamptz NOT NULL, lsn pg_lsn NOT NULL, named boolean NOT NULL, reason text, "
                    + "created_by text, note text)");
            statement.execute("COMMENT ON TABLE " + TABLE + " IS 'Restore points dbbranch took before changing this database "
                    + "(migrateUpstream); pitrRestore looks them up by name.'");
        }
    }

    /**
     * Whether the log table exists, once it is known to be safe to touch: the schema and the table must belong to the
     * login itself, and the table must be a plain table without triggers or rules. Anything else (a schema a branch's
     * role planted, a view, a trigger) would run its owner's code with our login's rights when we read or write it.
     *
     * @throws SQLException state {@code 42501} when it is not ours
     */
    private static boolean hasTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_catalog.pg_get_userbyid(n.nspowner), "
                     + "pg_catalog.pg_get_userbyid(c.relowner), c.relkind, c.relhastriggers OR c.relhasrules, CURRENT_USER "
                     + "FROM pg_catalog.pg_namespace n LEFT JOIN pg_catalog.pg_class c ON c.relnamespace OPERATOR(pg_catalog.=) n.oid "
                     + "AND c.relname OPERATOR(pg_catalog.=) 'restore_points' WHERE n.nspname OPERATOR(pg_catalog.=) '" + SCHEMA + "'")) {
            if (!result.next()) {
                return false;
            }
            String login = result.getString(5);
            String problem = !login.equals(result.getString(1)) ? "the schema " + SCHEMA + " belongs to " + result.getString(1)
                    : result.getString(2) == null ? null
                    : !login.equals(result.getString(2)) ? TABLE + " belongs to " + result.getString(2)
                    : !"r".equals(result.getString(3)) ? TABLE + " is not a plain table"
                    : result.getBoolean(4) ? TABLE + " has triggers or rules" : null;
            if (problem != null) {
                throw new SQLException(problem + ", and dbbranch touches its bookkeeping only when the login (" + login
                        + ") owns it and it is a plain table: another role's objects would run their owner's code with "
                        + "this login's rights. Drop or rename that schema if nobody needs it", "42501");
            }
            return result.getString(2) != null;
        }
    }

    private static DbBranchException readFailure(String asked, SQLException e) {
        return DbBranchException.of(e.getSQLState() != null && e.getSQLState().startsWith("08") ? ErrorCode.UNAVAILABLE
                : ErrorCode.PROVIDER_ERROR, asked, e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", "", e);
    }
}
