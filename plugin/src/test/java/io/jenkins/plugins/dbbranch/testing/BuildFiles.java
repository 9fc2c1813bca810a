package io.jenkins.plugins.dbbranch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Looks for text where it must not be: in every file under a build's or a job's folder. */
public final class BuildFiles {
    private BuildFiles() {
    }

    /** The files under {@code root} (recursively) that contain any of {@code needles}, read byte for byte. */
    public static List<File> containingAny(Path root, Collection<String> needles) throws IOException {
        List<File> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (needles.stream().anyMatch(text::contains)) {
                    found.add(file.toFile());
                }
            }
        }
        return found;
    }
}
