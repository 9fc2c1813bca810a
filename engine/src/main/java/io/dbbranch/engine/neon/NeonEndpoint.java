package io.dbbranch.engine.neon;

import java.util.Optional;

/**
 * A compute endpoint ({@code Endpoint} in the v2 spec): where a branch accepts connections.
 *
 * @param id           {@code ep-…}
 * @param branchId     the branch it serves: checked against the branch we asked about before anything connects
 * @param host         e.g. {@code ep-cool-darkness-123456.us-east-2.aws.neon.tech}
 * @param type         {@code read_write} or {@code read_only}
 * @param currentState {@code init}, {@code active} or {@code idle} (idle wakes on the first connection)
 * @param port         not part of Neon's answer (it always serves the configured port, 5432); an emulator that serves
 *                     branches on several ports names it
 */
record NeonEndpoint(String id, String branchId, String host, String type, String currentState, Integer port) {

    boolean isReadWrite() {
        return "read_write".equals(type);
    }

    /** Active, or idle (suspended computes start on the first connection). */
    boolean acceptsConnections() {
        return "active".equals(currentState) || "idle".equals(currentState);
    }

    /**
     * Neon's pooled (PgBouncer) host: the endpoint id in the host name gains {@code -pooler}
     * ({@code ep-x-1.region.aws.neon.tech} → {@code ep-x-1-pooler.region.aws.neon.tech}). Empty when the host is not
     * named after the endpoint (an address, a private link), since then there is no rule to derive it by.
     */
    Optional<String> pooledHost() {
        if (host == null || id == null || !id.startsWith("ep-") || !host.startsWith(id + ".")) {
            return Optional.empty();
        }
        return Optional.of(id + "-pooler" + host.substring(id.length()));
    }
}
