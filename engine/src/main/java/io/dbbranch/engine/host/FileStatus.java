package io.dbbranch.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who owns a file and what its mode allows, read without following a symbolic link ({@code lstat}): the facts every
 * "may we trust this path?" decision rests on.
 *
 * @param path the file
 * @param uid  its owner
 * @param gid  its group
 * @param mode its type and permission bits, as {@code st_mode}
 */
public record FileStatus(Path path, long uid, long gid, int mode) {
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int REGULAR = 0100000;

    /** The status of {@code path} itself (a symbolic link is reported as one, never followed). */
    public static FileStatus of(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new FileStatus(path, ((Number) attributes.get("uid")).longValue(), ((Number) attributes.get("gid")).longValue(),
                ((Number) attributes.get("mode")).intValue());
    }

    public boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    public boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == SYMBOLIC_LINK;
    }

    public boolean isRegularFile() {
        return (mode & TYPE_MASK) == REGULAR;
    }

    /** The permission bits alone ({@code 0755}). */
    public int permissions() {
        return mode & 07777;
    }

    /** Whether users other than the owner may change it (group or other write bit). */
    public boolean writableByOthers() {
        return (mode & 0022) != 0;
    }

    /** Whether users other than the owner may read, change or enter it at all. */
    public boolean accessibleByOthers() {
        return (mode & 0077) != 0;
    }

    /** Whether the sticky bit is set: in such a folder only an entry's owner may rename or delete it ({@code /tmp}). */
    public boolean sticky() {
        return (mode & 01000) != 0;
    }

    /** Whether a process with {@code uid} and primary group {@code gid} (no other groups) may enter this folder. */
    public boolean searchableBy(long uid, long gid) {
        if (uid == 0) {
            return true;
        }
        int bit = this.uid == uid ? 0100 : this.gid == gid ? 0010 : 0001;
        return (mode & bit) != 0;
    }

    /** For messages: {@code owner uid 1000, group 1000, mode 0775}. */
    public String describe() {
        return "owner uid " + uid + ", group " + gid + ", mode " + String.format("%04o", permissions());
    }
}
