package io.dbbranch.engine.host;

import com.sun.security.auth.module.UnixSystem;

/** The identity this JVM runs as on the host: its numeric user and group ids. */
public final class HostUser {
    private static final UnixSystem SELF = new UnixSystem();

    private HostUser() {
    }

    public static long uid() {
        return SELF.getUid();
    }

    public static long gid() {
        return SELF.getGid();
    }

    /** Whether this JVM runs as the host's superuser (uid 0). */
    public static boolean isRoot() {
        return uid() == 0;
    }
}
