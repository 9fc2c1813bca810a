package io.dbbranch.engine.local.pitr;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of one folder of a live data folder, copied into the same folder of a base backup in one
 * {@code cp --reflink=auto} call: a clone where the file system can (see {@link DataFiles}), owner, mode and times
 * kept, links never followed. The copy's folder must still be ours (nobody else can put anything in it).
 *
 * <p>Under a live server a file may vanish between the walk and the copy (a dropped table), and cp then fails: the
 * batch is copied again file by file, leaving out what is gone, as the WAL replayed on restore drops it again.
 */
final class FileBatch {
    private final List<Path> files = new ArrayList<>();

    void add(Path file) {
        files.add(file);
    }

    int size() {
        return files.size();
    }

    /** Copies the files gathered so far into {@code folder} and starts a new batch. */
    void copyInto(Path folder) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("cp", "--reflink=auto", "--no-dereference",
                "--preserve=mode,ownership,timestamps", "--"));
        files.forEach(file -> command.add(file.toString()));
        command.add(folder + "/");
        if (!succeeded(command)) {
            for (Path file : files) {
                DataFiles.copyOne(file, folder.resolve(file.getFileName().toString()));
            }
        }
        files.clear();
    }

    private static boolean succeeded(List<String> command) throws IOException {
        Process cp;
        try {
            cp = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noCp) {
            return false;
        }
        cp.getOutputStream().close();
        cp.getInputStream().transferTo(OutputStream.nullOutputStream());
        try {
            return cp.waitFor() == 0;
        } catch (InterruptedException e) {
            cp.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying into " + command.get(command.size() - 1));
        }
    }
}
