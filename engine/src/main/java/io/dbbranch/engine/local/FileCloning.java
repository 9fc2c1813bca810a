package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.host.HostCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the file system of a folder clones files: shares the blocks of a copy with its original until either is
 * written ({@code ioctl FICLONE}, "reflink": XFS made with {@code reflink=1}, btrfs, ZFS 2.2+, bcachefs). There,
 * PostgreSQL 18's {@code file_copy_method = clone} makes {@code CREATE DATABASE … STRATEGY FILE_COPY} take about the
 * same time whatever the database's size; elsewhere that setting would make it fail, so it is set only where this
 * says yes.
 *
 * <p>The answer is what the kernel does, not what the file system's name suggests (an XFS made without reflink, or
 * a btrfs under an overlay, cannot): the server's user clones a file of the folder with {@code cp --reflink=always},
 * which fails rather than copy, and removes the clone. Answers are kept per folder for the life of the JVM.
 */
public final class FileCloning {
    private static final Map<Path, Boolean> ANSWERS = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Clones {@code $1} to {@code $2} and removes the clone whatever happened; exits as the clone did. The paths are
     * arguments, never part of the script.
     */
    private static final String PROBE = "cp --reflink=always -- \"$1\" \"$2\"; cloned=$?; rm -f -- \"$2\"; exit $cloned";

    private FileCloning() {
    }

    /**
     * Whether {@code folder}'s file system clones, found by cloning {@code sample} (a file in {@code folder} of at
     * least a few KB: tiny files may be stored inline, where some file systems cannot clone) as {@code account}, which
     * must be able to write into {@code folder}.
     */
    public static boolean supported(Path folder, Path sample, ServerAccount account) {
        Path key = folder.toAbsolutePath().normalize();
        return ANSWERS.computeIfAbsent(key, ignored -> probe(key, sample, account));
    }

    private static boolean probe(Path folder, Path sample, ServerAccount account) {
        Path clone = folder.resolve(".dbbranch-clone-probe-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        try {
            return HostCommand.run(account.command(List.of("sh", "-c", PROBE, "sh", sample.toString(), clone.toString())),
                    folder).succeeded();
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Find out whether the file system of " + folder + " clones files",
                    e.toString(), "Check that cp and sh are installed", e);
        }
    }
}
