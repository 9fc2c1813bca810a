package io.dbbranch.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.DbBranchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder for secrets is this user's alone, or it is not used. */
class PrivateDirectoryTest {

    @Test
    void aMissingFolderIsCreatedForItsOwnerOnly(@TempDir Path folder) throws IOException {
        Path secrets = PrivateDirectory.require(folder.resolve("a").resolve("secrets"), "Keep passwords");

        FileStatus status = FileStatus.of(secrets);
        assertThat(status.isDirectory()).isTrue();
        assertThat(status.uid()).isEqualTo(HostUser.uid());
        assertThat(status.permissions()).isEqualTo(0700);
    }

    @Test
    void aFolderOthersMayEnterIsRefused(@TempDir Path folder) throws IOException {
        Path shared = Files.createDirectory(folder.resolve("dbbranch-secrets"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> PrivateDirectory.require(shared, "Keep passwords"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("other users may enter it")
                .hasMessageContaining("chmod 700 " + shared);
    }

    @Test
    void aSymbolicLinkIsNeverFollowedEvenToAPrivateFolder(@TempDir Path folder) throws IOException {
        Path target = PrivateDirectory.require(folder.resolve("real"), "Keep passwords");
        Path link = Files.createSymbolicLink(folder.resolve("link"), target);

        assertThatThrownBy(() -> PrivateDirectory.require(link, "Keep passwords"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("it is a symbolic link");
    }

    @Test
    void aFolderAnotherUserMadeFirstIsRefused(@TempDir Path folder) throws IOException {
        assumeTrue(HostUser.isRoot(), "only root can give a folder away");
        Path planted = Files.createDirectory(folder.resolve("secrets"));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(planted, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        assertThatThrownBy(() -> PrivateDirectory.require(planted, "Keep passwords"))
                .isInstanceOf(DbBranchException.class)
                .hasMessageContaining("it belongs to another user")
                .hasMessageContaining("owner uid 65534");
    }
}
