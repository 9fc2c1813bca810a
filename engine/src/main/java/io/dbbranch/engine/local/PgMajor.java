package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A PostgreSQL major version the local provider embeds, and where its binaries bundle is on the class path.
 *
 * <p>The default is {@link #V17}: a branch should behave as production does, and most production servers (managed
 * services included) run 17 or older today; 18 is there to match a production server on 18 and for its
 * {@code file_copy_method = clone}, which makes a branch's copy cost nothing on file systems that share blocks (see
 * {@link FileCloning}). A cluster keeps the major version it was created with.
 */
public enum PgMajor {
    V17(17, "version", "/postgres-linux-x86_64.txz"),
    V18(18, "version.18", "/io/dbbranch/engine/local/postgres-18/postgres-linux-x86_64.txz");

    /** The major version of a new cluster when none is asked for. */
    public static final PgMajor DEFAULT = V17;
    private static final Properties BUNDLES = bundleVersions();

    private final int number;
    private final String versionKey;
    private final String resource;

    PgMajor(int number, String versionKey, String resource) {
        this.number = number;
        this.versionKey = versionKey;
        this.resource = resource;
    }

    /** {@code 17}, {@code 18}. */
    public int number() {
        return number;
    }

    /** The bundle's full version (e.g. {@code 18.1.0}), which keys the folder it is unpacked into. */
    public String bundleVersion() {
        String version = BUNDLES.getProperty(versionKey, "");
        return version.isBlank() || version.contains("$") ? String.valueOf(number) : version;
    }

    /** Whether this version has {@code file_copy_method} (PostgreSQL 18 and later). */
    public boolean hasFileCopyMethod() {
        return number >= 18;
    }

    /** The bundle's {@code .txz} archive. */
    InputStream openBundle() throws IOException {
        InputStream in = PgMajor.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("the PostgreSQL " + number + " bundle " + resource + " is not on the class path");
        }
        return in;
    }

    /**
     * The version named by {@code text} ({@code 17}, {@code 18}; {@code 18.1} is read as 18).
     *
     * @throws DbBranchException {@code INVALID_REQUEST} naming the versions there are
     */
    public static PgMajor of(String text) {
        String major = text == null ? "" : text.trim().replaceFirst("\\..*", "");
        return Arrays.stream(values()).filter(version -> String.valueOf(version.number).equals(major)).findFirst()
                .orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use embedded PostgreSQL " + text,
                        "the local provider embeds " + supported() + " only",
                        "Choose one of " + supported() + "; the one production runs is the best match"));
    }

    /** The versions there are, for messages: {@code 17, 18}. */
    public static String supported() {
        return Arrays.stream(values()).map(version -> String.valueOf(version.number)).collect(Collectors.joining(", "));
    }

    /**
     * The version of the cluster whose data folder is {@code dataDirectory}, from its {@code PG_VERSION}; empty before
     * {@code initdb}. The file is read without following a link: the server's user owns that folder.
     */
    static Optional<PgMajor> ofDataDirectory(Path dataDirectory) {
        Path file = dataDirectory.resolve("PG_VERSION");
        try (SeekableByteChannel in = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer bytes = ByteBuffer.allocate(16);
            in.read(bytes);
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).trim();
            return Optional.of(of(text));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.ENVIRONMENT, "Read the PostgreSQL version of " + dataDirectory, e.toString(),
                    "Check the folder's permissions", e);
        }
    }

    /**
     * The version a cluster in {@code dataDirectory} runs: the one it was created with, else {@code asked}, else
     * {@link #DEFAULT}.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} when the cluster exists with another version than {@code asked}
     */
    static PgMajor resolve(PgMajor asked, Path dataDirectory) {
        Optional<PgMajor> existing = ofDataDirectory(dataDirectory);
        if (existing.isPresent() && asked != null && existing.get() != asked) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use the PostgreSQL " + asked.number + " cluster in "
                            + dataDirectory.getParent(), "that cluster was created with PostgreSQL " + existing.get().number
                            + ", and a cluster keeps its major version (the bundle has no pg_upgrade)",
                    "Ask for " + existing.get().number + " (or leave the version out), or use another home for PostgreSQL "
                            + asked.number + " (" + LocalHome.HOME_ENV + ")");
        }
        return existing.orElse(asked == null ? DEFAULT : asked);
    }

    private static Properties bundleVersions() {
        Properties properties = new Properties();
        try (InputStream in = PgMajor.class.getResourceAsStream("postgres-bundle.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
