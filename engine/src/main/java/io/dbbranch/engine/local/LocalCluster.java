package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.PgJdbc;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.ConnectionDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL cluster (17 or 18, see {@link PgMajor}) in a folder of its own: {@code data/} (PGDATA), {@code admin.password} (readable by
 * its owner only) and {@code server.log}. Password authentication ({@code scram-sha-256}) everywhere, loopback
 * only, no Unix socket. The server outlives this object: it keeps running between CLI calls until
 * {@link #stop()}; its port is read back from {@code postmaster.pid}.
 *
 * <p>The server runs as the {@link ServerAccount}. When that is a system user (dbbranch runs as root), the folder
 * and the password stay root's; the data folder and the log are the server user's (see {@link ClusterFiles}).
 */
public final class LocalCluster {
    /** The cluster's superuser. */
    public static final String ADMIN_USER = "postgres";
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final ClusterSettings settings;
    private final PgBinaries binaries;
    private final ServerAccount account;

    /**
     * The cluster in {@code directory}, with the major version it was created with, else the one {@code settings}
     * ask for.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} when it exists with another major version than asked for
     */
    public LocalCluster(Path directory, ClusterSettings settings) {
        this.directory = directory.toAbsolutePath().normalize();
        this.settings = settings;
        this.binaries = PgBinaries.get(PgMajor.resolve(settings.major(), dataDirectory()));
        this.account = binaries.account();
    }

    /** The PostgreSQL major version this cluster runs. */
    public PgMajor major() {
        return binaries.major();
    }

    public Path directory() {
        return directory;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public Path logFile() {
        return directory.resolve("server.log");
    }

    public boolean isInitialized() {
        return Files.exists(dataDirectory().resolve("PG_VERSION"));
    }

    /** Creates the cluster (initdb) with a fresh random admin password, unless it exists already. */
    public synchronized void initialize() {
        ShellSafePath.require(directory, "Initialise a PostgreSQL cluster in " + directory);
        try (ClusterLock ignored = lock()) {
            initializeLocked();
        } catch (IOException e) {
            throw environment("Initialise a PostgreSQL cluster in " + directory, e);
        }
    }

    /**
     * Starts the server on a free loopback port unless it runs already, and returns its port. Safe to call from
     * several threads and processes at once: one starts it, the others find it running.
     */
    public int start() {
        // Every admin connection asks for the port: a running server is found without the lock, which would otherwise
        // line up every connection of a busy emulator or of leases at once behind one another.
        OptionalInt running = runningPort();
        return running.isPresent() ? running.getAsInt() : startLocked();
    }

    private synchronized int startLocked() {
        OptionalInt running = runningPort();
        if (running.isPresent()) {
            return running.getAsInt();
        }
        String asked = "Start the PostgreSQL cluster in " + directory;
        ShellSafePath.require(directory, asked);
        try (ClusterLock ignored = lock()) {
            initializeLocked();
            running = runningPort();
            if (running.isPresent()) {
                return running.getAsInt();
            }
            ClusterFiles.prepareForServer(this, account);
            writeSettings();
            DbBranchException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                try {
                    run("pg_ctl", List.of("-D", dataDirectory().toString(), "-l", logFile().toString(), "-w", "-t", "120",
                            "-o", "-p " + port, "start"), asked);
                    return port;
                } catch (DbBranchException e) {
                    // Another process may have taken the port between our probe and the server's bind.
                    last = e;
                }
            }
            throw last;
        } catch (IOException e) {
            throw environment(asked, e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are disconnected). Does nothing if it is not running. */
    public synchronized void stop() {
        if (runningPort().isEmpty()) {
            return;
        }
        String asked = "Stop the PostgreSQL cluster in " + directory;
        // No path check: pg_ctl stop only signals the server, through no shell.
        try (ClusterLock ignored = lock()) {
            if (runningPort().isPresent()) {
                run("pg_ctl", List.of("-D", dataDirectory().toString(), "-m", "fast", "-w", "-t", "60", "stop"), asked);
            }
        } catch (IOException e) {
            throw environment(asked, e);
        }
    }

    /** The port of the running server, or empty when it is not running. */
    public OptionalInt runningPort() {
        Path pidFile = dataDirectory().resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() < 4) {
                return OptionalInt.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? OptionalInt.of(Integer.parseInt(lines.get(3).trim())) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The superuser's password (generated at initialisation). */
    public Secret adminPassword() {
        try {
            return Secret.of(Files.readString(directory.resolve("admin.password"), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw environment("Read the admin password of the cluster in " + directory, e);
        }
    }

    /** Where to connect to {@code database}; starts the server if needed. */
    public ConnectionDetails details(String database) {
        return new ConnectionDetails("127.0.0.1", start(), database, "disable");
    }

    /**
     * A new superuser connection to {@code database} with the server's default {@code search_path}, for setting data
     * up (tests, the demo, benchmarks) in databases no untrusted role owns anything in. The engine itself uses
     * {@link #connectPinned}. The caller closes it.
     */
    public Connection connectAdmin(String database) throws SQLException {
        return PgJdbc.connect(details(database).jdbcUrl(), adminProperties());
    }

    /**
     * A new superuser connection to {@code database} whose {@code search_path} is pinned to {@code pg_catalog, pg_temp}
     * (see {@link PgJdbc#PINNED_SEARCH_PATH}): what every privileged statement of the engine runs on. The caller closes it.
     */
    public Connection connectPinned(String database) throws SQLException {
        return PgJdbc.connectPrivileged(details(database).jdbcUrl(), adminProperties());
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", ADMIN_USER);
        properties.setProperty("password", adminPassword().reveal());
        properties.setProperty("ApplicationName", "dbbranch");
        return properties;
    }

    /** The last lines of the server log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(logFile()) ? Files.readAllLines(logFile()) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    private ClusterLock lock() throws IOException {
        Files.createDirectories(directory);
        return ClusterLock.acquire(directory);
    }

    private void initializeLocked() throws IOException {
        if (isInitialized()) {
            return;
        }
        String asked = "Initialise a PostgreSQL cluster in " + directory;
        Path passwordFile = directory.resolve("admin.password");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random), StandardCharsets.UTF_8);
        Path initdbPassword = ClusterFiles.prepareForInitdb(this, account);
        try {
            List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory().toString(), "-U", ADMIN_USER,
                    "-E", "UTF-8", "--locale=C", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                    "--pwfile=" + initdbPassword));
            if (!settings.fsync()) {
                arguments.add("--no-sync");
            }
            run("initdb", arguments, asked);
        } finally {
            Files.deleteIfExists(initdbPassword);
        }
        ClusterFiles.includeSettingsFile(dataDirectory());
    }

    /**
     * Whether {@code CREATE DATABASE … STRATEGY FILE_COPY} clones files here: PostgreSQL 18 or later on a file system
     * that clones (see {@link FileCloning}). Needs the cluster initialised.
     */
    public boolean clonesFiles() {
        return major().hasFileCopyMethod() && fileSystemClones();
    }

    /**
     * Whether the data folder's file system clones files (see {@link FileCloning}), whatever the server's version: copies
     * of base backups and restores clone there. Needs the cluster initialised.
     */
    public boolean fileSystemClones() {
        return FileCloning.supported(dataDirectory(), dataDirectory().resolve("global").resolve("pg_control"), account);
    }

    private void writeSettings() {
        ClusterSettings written = clonesFiles() ? settings.with("file_copy_method", "'clone'") : settings;
        try {
            ClusterFiles.replace(dataDirectory().resolve("dbbranch.conf"), written.render());
        } catch (IOException e) {
            throw environment("Write the settings of the cluster in " + directory, e);
        }
    }

    private void run(String tool, List<String> arguments, String asked) {
        List<String> command = binaries.command(tool, arguments);
        try {
            // Started in the cluster's folder: the server user may be unable to enter the caller's (root's home).
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw DbBranchException.of(ErrorCode.TIMEOUT, asked, tool + " did not finish within 180 s",
                        "See " + logFile());
            }
            if (process.exitValue() != 0) {
                throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked,
                        tool + " failed with exit code " + process.exitValue() + ": " + (output.isEmpty() ? "(no output)" : "\n" + output)
                                + Optional.of(logTail(15)).filter(s -> !s.isBlank()).map(s -> "\nserver log:\n" + s).orElse(""),
                        "See " + logFile());
            }
        } catch (IOException e) {
            throw environment(asked, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbBranchException(ErrorCode.INTERRUPTED, asked + ": interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DbBranchException environment(String asked, IOException e) {
        return DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), "Check the folder's permissions and free space", e);
    }
}
