package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The emulator's JSON, shaped as in the Neon v2 OpenAPI spec (only the fields a client is likely to read). */
final class NeonJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NeonJson() {
    }

    static ObjectNode branch(String project, NeonBranchRecord branch) {
        ObjectNode node = NODES.objectNode()
                .put("id", branch.id)
                .put("project_id", project);
        if (branch.parentId != null) {
            node.put("parent_id", branch.parentId).put("parent_lsn", branch.parentLsn);
        }
        if (branch.parentTimestamp != null) {
            node.put("parent_timestamp", branch.parentTimestamp.toString());
        }
        node.put("name", branch.name)
                .put("current_state", branch.state)
                .put("state_changed_at", branch.updated.toString())
                .put("creation_source", "console")
                .put("default", branch.isDefault)
                .put("protected", false)
                .put("cpu_used_sec", 0).put("compute_time_seconds", 0).put("active_time_seconds", 0)
                .put("written_data_bytes", 0).put("data_transfer_bytes", 0)
                .put("created_at", branch.created.toString())
                .put("updated_at", branch.updated.toString());
        if (branch.expires != null) {
            node.put("expires_at", branch.expires.toString());
        }
        return node;
    }

    /**
     * The branch's read-write endpoint. Unlike Neon's, it names its port: branches of the past are served by servers
     * of their own.
     *
     * @param reportedBranchId the branch id it claims to serve (its own, unless a fault says otherwise)
     * @param host             where it accepts connections
     */
    static ObjectNode endpoint(String project, NeonBranchRecord branch, String reportedBranchId, String host) {
        return NODES.objectNode()
                .put("host", host)
                .put("port", branch.server.port())
                .put("id", branch.endpointId)
                .put("project_id", project)
                .put("branch_id", reportedBranchId)
                .put("autoscaling_limit_min_cu", 0.25).put("autoscaling_limit_max_cu", 0.25)
                .put("region_id", "emulator")
                .put("type", "read_write")
                .put("current_state", branch.endpointState())
                .put("pooler_enabled", false).put("pooler_mode", "transaction")
                .put("disabled", false).put("passwordless_access", false)
                .put("creation_source", "console")
                .put("created_at", branch.created.toString()).put("updated_at", branch.updated.toString())
                .put("proxy_host", host)
                .put("suspend_timeout_seconds", 0)
                .put("provisioner", "k8s-neonvm");
    }

    static ObjectNode annotation(NeonBranchRecord branch) {
        ObjectNode node = NODES.objectNode();
        node.putObject("object").put("type", "console/branch").put("id", branch.id);
        ObjectNode value = node.putObject("value");
        branch.annotation.forEach(value::put);
        return node.put("created_at", branch.created.toString()).put("updated_at", branch.updated.toString());
    }

    static ObjectNode role(NeonBranchRecord branch, String name, String password, Instant at) {
        ObjectNode node = NODES.objectNode().put("branch_id", branch.id).put("name", name);
        if (password != null) {
            node.put("password", password);
        }
        return node.put("protected", false).put("created_at", at.toString()).put("updated_at", at.toString());
    }

    /** {@code GET /projects/{project}}: the project with its history window. */
    static ObjectNode project(String project, long historyRetentionSeconds, Instant created) {
        ObjectNode node = NODES.objectNode();
        node.putObject("project").put("id", project).put("name", project).put("region_id", "emulator")
                .put("pg_version", 17).put("history_retention_seconds", historyRetentionSeconds)
                .put("created_at", created.toString());
        return node;
    }

    /**
     * Where in a branch's history a request asks to start: {@code <time field>} (RFC 3339) or {@code <lsn field>};
     * {@code null} for its head.
     */
    static PointInTime pointInTime(JsonNode body, String timeField, String lsnField) {
        boolean time = body.hasNonNull(timeField);
        boolean lsn = body.hasNonNull(lsnField);
        if (time && lsn) {
            throw NeonErrors.invalid("only one of '" + timeField + "' and '" + lsnField + "' may be given");
        }
        try {
            if (time) {
                return PointInTime.at(OffsetDateTime.parse(body.get(timeField).asText()).toInstant());
            }
            return lsn ? PointInTime.atLsn(body.get(lsnField).asText()) : null;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw NeonErrors.invalid("'" + (time ? timeField : lsnField) + "' must be " + (time ? "an RFC 3339 timestamp"
                    : "an LSN such as 0/1A2B3C") + ", got '" + body.get(time ? timeField : lsnField).asText() + "'");
        }
    }

    /** {@code {"<field>": value, "operations": [...]}}. */
    static ObjectNode withOperations(String field, ObjectNode value, ObjectNode... operations) {
        ObjectNode node = NODES.objectNode();
        node.set(field, value);
        ArrayNode list = node.putArray("operations");
        for (ObjectNode operation : operations) {
            list.add(operation);
        }
        return node;
    }
}
