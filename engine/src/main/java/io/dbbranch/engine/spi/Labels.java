package io.dbbranch.engine.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who made a branch and until when it may live. Stored with the branch where the provider can (a JSON
 * comment on PostgreSQL) so that the reaper deletes only its own stale branches, never anyone else's.
 *
 * @param owner     who owns it: a Jenkins controller's URL, or {@code cli@host} for the command line
 * @param job       the job (or pipeline) name, may be {@code null}
 * @param build     the build number or id, may be {@code null}
 * @param pr        the pull/merge request id, may be {@code null}
 * @param createdAt when the branch was created
 * @param expiresAt when the branch may be deleted by anyone's reaper (the dead-man's switch)
 * @param pullRequest the pull request whose life the branch follows ({@code keep: whilePrOpen}), an opaque key the front
 *                    end chose, such as {@code pr:acme/shop#42} or {@code job:shop/PR-42}; stored as the label
 *                    {@code pullRequest}; {@code null} for a branch that lives by its build and expiry only
 */
public record Labels(String owner, String job, String build, String pr, Instant createdAt, Instant expiresAt,
                     String pullRequest) {

    /** The key under which labels are stored, so our JSON is recognisable among other comments. */
    public static final String MARKER = "dbbranch";

    public Labels {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Labels of a branch that belongs to no pull request. */
    public Labels(String owner, String job, String build, String pr, Instant createdAt, Instant expiresAt) {
        this(owner, job, build, pr, createdAt, expiresAt, null);
    }

    public Labels withExpiresAt(Instant newExpiry) {
        return new Labels(owner, job, build, pr, createdAt, newExpiry, pullRequest);
    }

    /** Whether the dead-man's switch has run out at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** The labels as a flat map of non-null strings (for JSON or key/value stores). */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("owner", owner);
        putIfSet(map, "job", job);
        putIfSet(map, "build", build);
        putIfSet(map, "pr", pr);
        map.put("createdAt", createdAt.toString());
        if (expiresAt != null) {
            map.put("expiresAt", expiresAt.toString());
        }
        putIfSet(map, "pullRequest", pullRequest);
        return map;
    }

    /** The inverse of {@link #toMap()}; {@code null} when the map does not carry our labels. */
    public static Labels fromMap(Map<String, String> map) {
        if (map == null || map.get("owner") == null || map.get("createdAt") == null) {
            return null;
        }
        String expires = map.get("expiresAt");
        return new Labels(map.get("owner"), map.get("job"), map.get("build"), map.get("pr"),
                Instant.parse(map.get("createdAt")), expires == null ? null : Instant.parse(expires), map.get("pullRequest"));
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
