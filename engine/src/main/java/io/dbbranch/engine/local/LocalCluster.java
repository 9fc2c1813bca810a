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
import java.nio.file.StandardOpenOption;
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
 * One PostgreSQL 17 cluster in a folder of its own: {@code data/} (PGDATA), {@code admin.password} (readable by
 * its owner only) and {@code server.log}. Password authentication ({@code scram-sha-256}) everywhere, loopback
 * only, no Unix socket. The server outlives this object: it keeps running between CLI calls until
 * {@link #stop()}; its port is read back from {@code postmaster.pid}.
 */
public final class LocalCluster {
    /** The cluster's superuser. */
    public static final String ADMIN_USER = "postgres";
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final ClusterSettings settings;
    private final PgBinaries binaries;

    public LocalCluster(Path directory, ClusterSettings settings) {
        this.directory = directory.toAbsolutePath();
        this.settings = settings;
        this.binaries = PgBinaries.get();
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
        if (isInitialized()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path passwordFile = directory.resolve("admin.password");
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory().toString(), "-U", ADMIN_USER,
                    "-E", "UTF-8", "--locale=C", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                    "--pwfile=" + passwordFile));
            if (!settings.fsync()) {
                arguments.add("--no-sync");
            }
            run("initdb", arguments, "Initialise a PostgreSQL cluster in " + directory);
            // initdb (in its user namespace) had to read it; from now on only we may.
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dataDirectory().resolve("postgresql.conf"), "\ninclude_if_exists = 'dbbranch.conf'\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw environment("Initialise a PostgreSQL cluster in " + directory, e);
        }
    }

    /** Starts the server on a free loopback port unless it runs already, and returns its port. */
    public synchronized int start() {
        initialize();
        OptionalInt running = runningPort();
        if (running.isPresent()) {
            return running.getAsInt();
        }
        writeSettings();
        DbBranchException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                run("pg_ctl", List.of("-D", dataDirectory().toString(), "-l", logFile().toString(), "-w", "-t", "120",
                        "-o", "-p " + port, "start"), "Start the PostgreSQL cluster in " + directory);
                return port;
            } catch (DbBranchException e) {
                // Another process may have taken the port between our probe and the server's bind.
                last = e;
            }
        }
        throw last;
    }

    /** Stops the server (fast shutdown: open sessions are disconnected). Does nothing if it is not running. */
    public synchronized void stop() {
        if (runningPort().isPresent()) {
            run("pg_ctl", List.of("-D", dataDirectory().toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    "Stop the PostgreSQL cluster in " + directory);
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

    private void writeSettings() {
        try {
            Files.writeString(dataDirectory().resolve("dbbranch.conf"), settings.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw environment("Write the settings of the cluster in " + directory, e);
        }
    }

    private void run(String tool, List<String> arguments, String asked) {
        List<String> command = binaries.command(tool, arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw DbBranchException.of(ErrorCode.TIMEOUT, asked, tool + " did not finish within 180 s",
                        "See " + logFile());
            }
            if (process.exitValue() != 0) {
                throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked,
                        tool + " failed with exit code " + process.exitValue() + ":\n" + output.trim()
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
