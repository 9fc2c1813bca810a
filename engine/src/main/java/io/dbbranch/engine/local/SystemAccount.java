package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.host.HostCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An unprivileged system user of the host, looked up with {@code getent} and created with {@code useradd} when it
 * does not exist yet: no home, no login shell, a group of its own.
 *
 * @param name its user name
 * @param uid  its user id
 * @param gid  its primary group id
 */
record SystemAccount(String name, long uid, long gid) {
    private static final Path ROOT = Path.of("/");

    /** The account called {@code name}, created first if missing. */
    static SystemAccount findOrCreate(String name) {
        String asked = "Find or create the system user '" + name + "' that runs the embedded PostgreSQL";
        try {
            Optional<SystemAccount> found = find(name);
            if (found.isPresent()) {
                return found.get();
            }
            HostCommand created = HostCommand.run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                    "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--comment", "dbbranch embedded PostgreSQL",
                    name), ROOT);
            // Another process may have created it at the same moment (useradd then fails): look again either way.
            return find(name).orElseThrow(() -> DbBranchException.of(ErrorCode.ENVIRONMENT, asked,
                    "useradd failed with exit code " + created.exitCode() + ": " + created.output(),
                    "Create it yourself (useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + name
                            + "), or name an existing unprivileged user in " + ServerAccount.USER_ENV));
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(),
                    "Install getent and useradd (Debian: packages libc-bin and passwd), or run dbbranch as an ordinary user", e);
        }
    }

    private static Optional<SystemAccount> find(String name) throws IOException {
        HostCommand entry = HostCommand.run(List.of("getent", "passwd", name), ROOT);
        if (!entry.succeeded() || entry.output().isEmpty()) {
            return Optional.empty();
        }
        // name:password:uid:gid:gecos:home:shell
        String[] fields = entry.output().lines().findFirst().orElseThrow().split(":", -1);
        return Optional.of(new SystemAccount(fields[0], Long.parseLong(fields[2]), Long.parseLong(fields[3])));
    }
}
