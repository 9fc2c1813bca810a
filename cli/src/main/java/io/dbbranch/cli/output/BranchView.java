package io.dbbranch.cli.output;

import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Labels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A branch as the CLI shows it (JSON field names are part of the CLI's contract). Connection fields are set only
 * where the command waited for the branch to accept connections.
 */
public record BranchView(String name, String id, String parent, String state, Instant createdAt, Instant expiresAt,
                         String owner, String job, String build, String restorePoint,
                         String host, Integer port, String database, String jdbcUrl) {

    public static BranchView of(BranchInfo branch) {
        Labels labels = branch.labels();
        return new BranchView(branch.name(), branch.id(), branch.parent(), branch.state().name(), branch.createdAt(),
                branch.expiresAt(), labels == null ? null : labels.owner(), labels == null ? null : labels.job(),
                labels == null ? null : labels.build(),
                branch.restorePoint() == null ? null : branch.restorePoint().toString(), null, null, null, null);
    }

    public static BranchView of(BranchInfo branch, ConnectionDetails connection) {
        BranchView view = of(branch);
        return new BranchView(view.name, view.id, view.parent, view.state, view.createdAt, view.expiresAt, view.owner,
                view.job, view.build, view.restorePoint, connection.host(), connection.port(), connection.database(),
                connection.jdbcUrl());
    }

    /** The fields for a human, in reading order. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("parent", parent == null ? "(root)" : parent);
        fields.put("state", state);
        fields.put("owner", owner == null ? "(not made by dbbranch)" : owner);
        fields.put("created", Times.human(createdAt));
        fields.put("expires", expiresAt == null ? "never" : Times.human(expiresAt));
        if (restorePoint != null) {
            fields.put("restored from", restorePoint);
        }
        if (host != null) {
            fields.put("host", host);
            fields.put("port", port);
            fields.put("database", database);
            fields.put("jdbc url", jdbcUrl);
        }
        return fields;
    }
}
