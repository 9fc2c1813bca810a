package io.dbbranch.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbbranch.engine.host.XfsLoopMount;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Cloning is detected by what the kernel does in the folder, as the server's user. */
class FileCloningTest {

    @Test
    void aFileSystemWithoutReflinkIsFoundNotToClone() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()), "no tmpfs at /dev/shm");
        Path folder = serverFolderIn(shm);
        try {
            assertThat(FileCloning.supported(folder, sampleIn(folder), ServerAccount.current())).isFalse();
            assertThat(probesLeftIn(folder)).isZero();
        } finally {
            ServerAccount.current().deleteTree(folder);
        }
    }

    @Test
    void anXfsFileSystemWithReflinkIsFoundToClone() throws IOException {
        try (XfsLoopMount xfs = XfsLoopMountForTests.mountOrSkip()) {
            Path folder = serverFolderIn(xfs.mountPoint());
            FileStore store = Files.getFileStore(folder);

            assertThat(store.type()).isEqualTo("xfs");
            assertThat(FileCloning.supported(folder, sampleIn(folder), ServerAccount.current())).isTrue();
            assertThat(probesLeftIn(folder)).isZero();
            ServerAccount.current().deleteTree(folder);
        }
    }

    /** A folder the server's user owns, as a data folder is. */
    private static Path serverFolderIn(Path parent) throws IOException {
        Path folder = Files.createTempDirectory(parent, "clone-probe-");
        ServerAccount.current().give(folder);
        return folder;
    }

    private static Path sampleIn(Path folder) throws IOException {
        Path sample = folder.resolve("sample");
        Files.write(sample, new byte[64 * 1024]);
        ServerAccount.current().give(sample);
        return sample;
    }

    private static long probesLeftIn(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.filter(entry -> entry.getFileName().toString().contains("clone-probe")).count();
        }
    }
}
