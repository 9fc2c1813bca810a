package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.host.FileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What root does in folders the server's user owns never reaches beyond them. */
class ServerAccountTest {
    private final ServerAccount account = ServerAccount.current();

    @Test
    void deletingATreeNeverFollowsALinkTheServersUserLeftInIt(@TempDir Path folder) throws IOException {
        account.letEnter(folder);
        Path victim = Files.writeString(folder.resolve("victim"), "keep me");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        Path tree = Files.createDirectory(folder.resolve("recovery"));
        Path data = Files.createDirectories(tree.resolve("data").resolve("base"));
        Files.writeString(data.resolve("16384"), "rows");
        Files.createSymbolicLink(data.resolve("link-to-victim"), victim);
        Files.createSymbolicLink(tree.resolve("data").resolve("link-to-folder"), folder);
        giveAll(tree.resolve("data"));

        account.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(Files.readString(victim)).isEqualTo("keep me");
    }

    @Test
    void adoptingHandsEveryEntryOfARootTreeToTheServersUserAndLeavesOtherTreesAlone(@TempDir Path folder) throws IOException {
        assumeTrue(account.switchesUser(), "only root hands trees over");
        Path rootTree = Files.createDirectories(folder.resolve("old").resolve("base").resolve("1"));
        Files.writeString(rootTree.resolve("1259"), "catalog");
        Files.createSymbolicLink(folder.resolve("old").resolve("link"), folder);
        Path foreign = Files.createDirectory(folder.resolve("foreign"));
        Files.setAttribute(foreign, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);

        account.adopt(folder.resolve("old"));
        account.adopt(foreign);

        try (Stream<Path> adopted = Files.walk(folder.resolve("old"))) {
            for (Path path : adopted.toList()) {
                assertThat(FileStatus.of(path).uid()).as(path.toString()).isEqualTo(account.uid());
            }
        }
        assertThat(FileStatus.of(folder).uid()).as("the link's target").isZero();
        assertThat(FileStatus.of(foreign).uid()).isEqualTo(65534);
    }

    private void giveAll(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            List<Path> all = paths.toList();
            for (Path path : all) {
                account.give(path);
            }
        }
    }
}
