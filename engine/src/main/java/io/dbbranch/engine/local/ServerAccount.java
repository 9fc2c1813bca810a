package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.host.FileStatus;
import io.dbbranch.engine.host.HostCommand;
import io.dbbranch.engine.host.HostUser;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The host identity the embedded PostgreSQL runs as, and the file ownership that follows from it.
 *
 * <p>An ordinary user runs the server as themselves: nothing is switched or handed over. Root never runs it as root
 * (a superuser of the server can run programs as the server's host user with {@code COPY … TO PROGRAM}): it runs
 * {@code initdb}, {@code pg_ctl} and {@code postgres} as an unprivileged system user ({@value #DEFAULT_USER}, or the
 * one named by {@value #USER_ENV}; created on first use) through {@code setpriv}, and hands that user the folders
 * the server writes: each cluster's data folder and log, and the WAL archive.
 *
 * <p>Root must then never be tricked by that user into following a link it planted: everything root creates in a
 * folder the server owns is created new ({@code O_EXCL}) or renamed into place; ownership is changed with
 * {@code lchown}, children before their folder, and only in trees root still owns; trees the server owns are
 * emptied by the server user itself.
 */
public final class ServerAccount {
    /** Names the system user the embedded PostgreSQL runs as when dbbranch runs as root. */
    public static final String USER_ENV = "DBBRANCH_SERVER_USER";
    /** The system user the embedded PostgreSQL runs as when dbbranch runs as root. */
    public static final String DEFAULT_USER = "dbbranch";
    private static volatile ServerAccount current;

    private final String name;
    private final long uid;
    private final long gid;
    private final boolean switched;

    private ServerAccount(String name, long uid, long gid, boolean switched) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.switched = switched;
    }

    /** The account for this JVM: itself, or the system user when it runs as root. */
    public static ServerAccount current() {
        ServerAccount account = current;
        if (account == null) {
            synchronized (ServerAccount.class) {
                account = current;
                if (account == null) {
                    account = HostUser.isRoot() ? systemUser() : new ServerAccount(System.getProperty("user.name"),
                            HostUser.uid(), HostUser.gid(), false);
                    current = account;
                }
            }
        }
        return account;
    }

    private static ServerAccount systemUser() {
        String configured = System.getenv(USER_ENV);
        String name = configured == null || configured.isBlank() ? DEFAULT_USER : configured.trim();
        SystemAccount account = SystemAccount.findOrCreate(name);
        if (account.uid() == 0) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Run the embedded PostgreSQL as '" + name + "'",
                    "that user has uid 0: the server's superuser could act as the host's root",
                    "Name an unprivileged user in " + USER_ENV + ", or unset it to use '" + DEFAULT_USER + "'");
        }
        return new ServerAccount(account.name(), account.uid(), account.gid(), true);
    }

    /** Whether the server runs as another user than this JVM (only when the JVM runs as root). */
    public boolean switchesUser() {
        return switched;
    }

    public String name() {
        return name;
    }

    public long uid() {
        return uid;
    }

    /** {@code command} as this account runs it. */
    public List<String> command(List<String> command) {
        if (!switched) {
            return command;
        }
        // --clear-groups: root's supplementary groups stay behind; --no-new-privs: no setuid program can climb back.
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                "--no-new-privs", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Lets this account enter {@code folder}, a private folder of ours (made by {@code Files.createTempDirectory} or
     * JUnit's {@code @TempDir}, mode {@code rwx------}), by opening it for entering only ({@code rwx--x--x}): others
     * may pass through, not list it. Nothing changes when the server runs as this user.
     *
     * @return {@code folder}
     */
    public Path letEnter(Path folder) throws IOException {
        if (switched) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        }
        return folder;
    }

    /** Makes {@code path} itself (never a link's target) belong to this account. */
    public void give(Path path) throws IOException {
        if (switched) {
            Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * Hands a tree root owns (a data folder restored from a backup, or made by an older dbbranch that ran the server
     * as root) over to this account, children before their folder: while a folder still belongs to root, the server
     * user cannot swap anything in it. A tree the account (or anyone else) owns already is left as it is.
     */
    public void adopt(Path tree) throws IOException {
        if (!switched || !Files.exists(tree, LinkOption.NOFOLLOW_LINKS) || FileStatus.of(tree).uid() != 0) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                giveIfRoots(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                giveIfRoots(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void giveIfRoots(Path path) throws IOException {
        if (FileStatus.of(path).uid() == 0) {
            give(path);
        }
    }

    /**
     * Refuses a folder this account cannot reach: it must be allowed to enter every folder from {@code /} down to
     * {@code directory} (which need not exist yet).
     *
     * @throws DbBranchException {@code ENVIRONMENT} naming the first folder it cannot enter
     */
    public void requireReachable(Path directory, String asked) {
        if (!switched) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path path = directory.toAbsolutePath().normalize(); path != null; path = path.getParent()) {
            chain.add(0, path);
        }
        for (Path path : chain) {
            try {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                FileStatus status = FileStatus.of(Files.isSymbolicLink(path) ? path.toRealPath() : path);
                if (status.isDirectory() && !status.searchableBy(uid, gid)) {
                    throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, "the embedded PostgreSQL runs as the system user '"
                                    + name + "' (uid " + uid + ") because dbbranch runs as root, and that user cannot enter "
                                    + path + " (" + status.describe() + ")",
                            "Move it out of there (" + LocalHome.HOME_ENV + " moves the home, whose default for root is "
                                    + LocalHome.ROOT_DEFAULT + "; " + PgBundle.CACHE_ENV + " the binaries), or let others "
                                    + "enter it: chmod o+x " + path);
                }
            } catch (IOException e) {
                throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), "Check the folder's permissions", e);
            }
        }
    }

    /**
     * Deletes a tree; does nothing if it is absent. Where the tree holds a folder this account owns, that whole
     * folder is emptied by the account itself ({@code find -delete} as the server user): root never walks a folder whose
     * entries the server user could swap for links while it deletes.
     */
    public void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (switched && FileStatus.of(directory).uid() == uid) {
                    removeAsServer(directory);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Empties the folder as the server user (find neither follows links nor can do more than that user), then removes it. */
    private void removeAsServer(Path directory) throws IOException {
        HostCommand emptied = HostCommand.run(command(List.of("find", directory.toString(), "-mindepth", "1", "-delete")),
                Path.of("/"));
        if (!emptied.succeeded()) {
            throw new IOException("emptying " + directory + " as " + name + " failed: " + emptied.output());
        }
        Files.deleteIfExists(directory);
    }
}
