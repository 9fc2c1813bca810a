package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an unpacked PostgreSQL bundle held when it was unpacked: every regular file with its size, and the SHA-256 of
 * the executables in {@code bin/} ({@code initdb}, {@code pg_ctl}, {@code postgres}).
 *
 * <p>Why not hash everything: the bundle is 60 MB, 1,000 files; hashing it all would cost about half a second at
 * every CLI call. The owner and mode checks ({@code TrustedTree}) are what keep other users out; this manifest adds
 * that the programs we run are the ones unpacked and that no library was added, removed or cut short. Measured with
 * both checks: about 140 ms of CPU in a fresh JVM (SHA-256 of 10 MB before the JIT has warmed up), 30 ms after.
 *
 * @param files relative path → {@code size} or {@code size sha256}
 */
record BundleManifest(Map<String, String> files) {
    /** The manifest's file in the bundle folder; its presence marks a finished unpack. */
    static final String FILE = ".dbbranch-manifest";

    /** The manifest of the bundle in {@code root} as it is now. */
    static BundleManifest of(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = root.relativize(file).toString();
                if (name.equals(FILE)) {
                    continue;
                }
                String size = Long.toString(Files.size(file));
                files.put(name, name.startsWith("bin/") ? size + " " + sha256(file) : size);
            }
        }
        return new BundleManifest(files);
    }

    /** Reads the manifest written at unpack time. */
    static BundleManifest read(Path root, String asked, String remedy) {
        try {
            Map<String, String> files = new TreeMap<>();
            for (String line : Files.readAllLines(root.resolve(FILE), StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    files.put(line.substring(tab + 1), line.substring(0, tab));
                }
            }
            return new BundleManifest(files);
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, "its manifest is unreadable: " + e, remedy, e);
        }
    }

    void write(Path root) throws IOException {
        StringBuilder text = new StringBuilder();
        files.forEach((name, facts) -> text.append(facts).append('\t').append(name).append('\n'));
        Files.writeString(root.resolve(FILE), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Refuses a bundle whose files differ from this manifest. */
    void requireMatches(Path root, String asked, String remedy) {
        BundleManifest now;
        try {
            now = of(root);
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, asked, e.toString(), remedy, e);
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            String found = now.files.get(file.getKey());
            if (!file.getValue().equals(found)) {
                throw changed(root.resolve(file.getKey()), found == null ? "is missing" : "changed since it was unpacked", asked, remedy);
            }
        }
        now.files.keySet().stream().filter(name -> !files.containsKey(name)).findFirst().ifPresent(added -> {
            throw changed(root.resolve(added), "was added after the bundle was unpacked", asked, remedy);
        });
    }

    private static DbBranchException changed(Path file, String what, String asked, String remedy) {
        return DbBranchException.of(ErrorCode.ENVIRONMENT, asked, file + " " + what, remedy);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
