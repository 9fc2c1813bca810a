package io.dbbranch.engine.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server settings for a local cluster, written to {@code dbbranch.conf} in its data folder.
 *
 * @param fsync    keep {@code fsync} on (the default for a user's data); tests turn it off for speed
 * @param extra    further {@code postgresql.conf} settings, e.g. WAL archiving for point-in-time restore
 * @param major    the PostgreSQL major version asked for, or {@code null} for the one the cluster was created with
 *                 (a new one: {@link PgMajor#DEFAULT}); see {@link PgMajor#resolve}
 */
public record ClusterSettings(boolean fsync, Map<String, String> extra, PgMajor major) {

    public ClusterSettings {
        extra = Map.copyOf(extra);
    }

    /** Durable defaults for a user's data. */
    public static ClusterSettings durable() {
        return new ClusterSettings(true, Map.of(), null);
    }

    /** Fast, non-durable settings for tests and benchmarks: a crash may lose data. */
    public static ClusterSettings ephemeral() {
        return new ClusterSettings(false, Map.of(), null);
    }

    public ClusterSettings with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(extra);
        copy.put(name, value);
        return new ClusterSettings(fsync, copy, major);
    }

    /** These settings for a cluster of PostgreSQL {@code version} ({@code null}: the one it was created with). */
    public ClusterSettings withMajor(PgMajor version) {
        return new ClusterSettings(fsync, extra, version);
    }

    /** The settings file's content. */
    String render() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "'127.0.0.1'");
        // No Unix socket: clusters of different homes must never meet in /tmp.
        all.put("unix_socket_directories", "''");
        all.put("max_connections", "200");
        all.put("shared_buffers", "'64MB'");
        all.put("password_encryption", "'scram-sha-256'");
        all.put("fsync", fsync ? "on" : "off");
        all.put("synchronous_commit", fsync ? "on" : "off");
        all.put("full_page_writes", fsync ? "on" : "off");
        all.put("log_line_prefix", "'%m [%p] %q%u@%d '");
        all.putAll(extra);
        StringBuilder conf = new StringBuilder("# Written by dbbranch; changes are overwritten at the next start.\n");
        all.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
        return conf.toString();
    }
}
