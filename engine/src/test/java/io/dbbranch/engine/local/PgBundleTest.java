package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.host.FileStatus;
import io.dbbranch.engine.host.HostUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server binaries are run only from a cache no other user can have changed. */
class PgBundleTest {

    @Test
    void theBinariesInUseLieInAFolderOfThisUsersOutsideTheSharedTemporaryFolder() throws IOException {
        Path root = PgBinaries.get(PgMajor.DEFAULT).root();

        assertThat(root.startsWith(Path.of(System.getProperty("java.io.tmpdir")))).as(root.toString()).isFalse();
        assertThat(FileStatus.of(root).uid()).isEqualTo(HostUser.uid());
        PgBundle.verify(root);
    }

    @Test
    void aProgramOthersMayWriteIsRefused(@TempDir Path folder) throws Exception {
        Path copy = copyOfTheBundle(folder);
        Files.setPosixFilePermissions(copy.resolve("bin/initdb"), PosixFilePermissions.fromString("rwxrwxr-x"));

        assertRefused(copy, copy.resolve("bin/initdb") + " cannot be trusted: other users may change it");
    }

    @Test
    void aBundleInAFolderOthersMayWriteIsRefused(@TempDir Path folder) throws Exception {
        Path copy = copyOfTheBundle(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertRefused(copy, folder + " cannot be trusted: other users may change it (owner uid " + HostUser.uid());
    }

    @Test
    void aBundleAnotherUserOwnsIsRefused(@TempDir Path folder) throws Exception {
        assumeTrue(HostUser.isRoot(), "only root can give a file away");
        Path copy = copyOfTheBundle(folder);
        Files.setAttribute(copy.resolve("bin"), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        assertRefused(copy, copy.resolve("bin") + " cannot be trusted: it belongs to another user (uid 65534)");
    }

    @Test
    void aProgramChangedSinceUnpackingIsRefused(@TempDir Path folder) throws Exception {
        Path copy = copyOfTheBundle(folder);
        byte[] program = Files.readAllBytes(copy.resolve("bin/pg_ctl"));
        program[program.length / 2] ^= 1;
        Files.write(copy.resolve("bin/pg_ctl"), program);

        assertRefused(copy, copy.resolve("bin/pg_ctl") + " changed since it was unpacked");
    }

    @Test
    void aLibraryAddedSinceUnpackingIsRefused(@TempDir Path folder) throws Exception {
        Path copy = copyOfTheBundle(folder);
        Files.writeString(copy.resolve("lib/libpreloaded.so"), "not from the bundle");

        assertRefused(copy, copy.resolve("lib/libpreloaded.so") + " was added after the bundle was unpacked");
    }

    private static void assertRefused(Path bundle, String finding) {
        assertThatThrownBy(() -> PgBundle.verify(bundle))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining(finding)
                .hasMessageContaining("Delete " + bundle)
                .extracting(e -> ((DbBranchException) e).code()).isEqualTo(ErrorCode.ENVIRONMENT);
    }

    private static Path copyOfTheBundle(Path folder) throws Exception {
        Path copy = folder.resolve("postgres");
        Process cp = new ProcessBuilder("cp", "-a", PgBinaries.get(PgMajor.DEFAULT).root().toString(), copy.toString()).inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        PgBundle.verify(copy);
        return copy;
    }
}
