package io.dbbranch.testkit.lakebase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.engine.spi.PointInTime;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Writes the API's resources as JSON and reads its value types (protobuf durations, RFC 3339 times). */
final class LakebaseJson {
    static final String ENDPOINT_ID = "primary";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LakebaseJson() {
    }

    static String branchName(String project, String branch) {
        return "projects/" + project + "/branches/" + branch;
    }

    static ObjectNode branch(String project, EmulatedBranch branch) {
        ObjectNode status = NODES.objectNode()
                .put("branch_id", branch.id)
                .put("current_state", branch.state)
                .put("default", branch.isDefault)
                .put("is_protected", false)
                .put("logical_size_bytes", 0);
        if (branch.expires != null) {
            status.put("expire_time", branch.expires.toString());
        }
        if (branch.source != null) {
            status.put("source_branch", branchName(project, branch.source));
            status.put("source_branch_time", branch.sourceTime.toString());
            if (branch.sourceLsn != null) {
                status.put("source_branch_lsn", branch.sourceLsn);
            }
        }
        // The spec echoes what the create asked for: a point in the source's history only for a branch of the past.
        ObjectNode spec = branch.askedPoint == null ? NODES.objectNode() : askedPoint(branch.askedPoint);
        if (branch.source != null) {
            spec.put("source_branch", branchName(project, branch.source));
        }
        ObjectNode node = NODES.objectNode()
                .put("name", branchName(project, branch.id))
                .put("branch_id", branch.id)
                .put("uid", branch.uid)
                .put("parent", "projects/" + project)
                .put("create_time", branch.created.toString())
                .put("update_time", branch.updated.toString());
        node.set("spec", spec);
        node.set("status", status);
        return node;
    }

    /** A spec's {@code source_branch_time} or {@code source_branch_lsn}, as {@link #pointInTime} reads it. */
    static ObjectNode askedPoint(PointInTime point) {
        ObjectNode spec = NODES.objectNode();
        if (point instanceof PointInTime.AtTime at) {
            spec.put("source_branch_time", at.time().toString());
        } else if (point instanceof PointInTime.AtLsn at) {
            spec.put("source_branch_lsn", at.lsn());
        }
        return spec;
    }

    /**
     * The branch's read-write endpoint. Unlike the service's, its hosts name the port (of the login front of the
     * branch's server): branches of the past are served by servers of their own.
     */
    static ObjectNode endpoint(String project, EmulatedBranch branch, String host, int port) {
        String branchName = branchName(project, branch.id);
        ObjectNode hosts = NODES.objectNode().put("host", host).put("port", port);
        ObjectNode status = NODES.objectNode()
                .put("endpoint_id", ENDPOINT_ID)
                .put("endpoint_type", "ENDPOINT_TYPE_READ_WRITE")
                .put("current_state", branch.endpointState())
                .put("disabled", false);
        status.set("hosts", hosts);
        ObjectNode node = NODES.objectNode()
                .put("name", branchName + "/endpoints/" + ENDPOINT_ID)
                .put("endpoint_id", ENDPOINT_ID)
                .put("uid", "ep-" + branch.uid.substring(3))
                .put("parent", branchName)
                .put("create_time", branch.created.toString());
        node.set("status", status);
        return node;
    }

    /** The project, with its history retention in both spec and status. */
    static ObjectNode project(String project, Duration historyRetention, Instant created) {
        ObjectNode settings = NODES.objectNode()
                .put("display_name", project)
                .put("pg_version", 17)
                .put("history_retention_duration", historyRetention.toSeconds() + "s");
        ObjectNode node = NODES.objectNode()
                .put("name", "projects/" + project)
                .put("uid", "prj-" + Integer.toHexString(project.hashCode()))
                .put("create_time", created.toString());
        node.set("spec", settings);
        node.set("status", settings.deepCopy());
        return node;
    }

    /**
     * Where in the source's history a create asks to start: {@code spec.source_branch_time} or
     * {@code spec.source_branch_lsn}; {@code null} for its head.
     */
    static PointInTime pointInTime(JsonNode spec) {
        boolean time = spec.hasNonNull("source_branch_time");
        boolean lsn = spec.hasNonNull("source_branch_lsn");
        if (time && lsn) {
            throw LakebaseErrors.invalid("Only one of 'spec.source_branch_time' and 'spec.source_branch_lsn' may be set");
        }
        if (time) {
            return PointInTime.at(time(spec.get("source_branch_time").asText(), "spec.source_branch_time"));
        }
        if (lsn) {
            try {
                return PointInTime.atLsn(spec.get("source_branch_lsn").asText());
            } catch (IllegalArgumentException e) {
                throw LakebaseErrors.invalid("Field 'spec.source_branch_lsn' must be an LSN such as '0/1A2B3C', got '"
                        + spec.get("source_branch_lsn").asText() + "'");
            }
        }
        return null;
    }

    static ObjectNode list(String field, List<? extends JsonNode> items, String nextPageToken) {
        ObjectNode node = NODES.objectNode();
        node.putArray(field).addAll(items);
        if (nextPageToken != null) {
            node.put("next_page_token", nextPageToken);
        }
        return node;
    }

    /**
     * The expiry a spec asks for: exactly one of {@code ttl}, {@code expire_time}, {@code no_expiry: true}.
     * Returns {@code null} for no expiry.
     */
    static Instant expiration(JsonNode spec, Clock clock) {
        boolean hasTtl = spec.hasNonNull("ttl");
        boolean hasTime = spec.hasNonNull("expire_time");
        boolean noExpiry = spec.path("no_expiry").asBoolean(false);
        int given = (hasTtl ? 1 : 0) + (hasTime ? 1 : 0) + (noExpiry ? 1 : 0);
        if (given != 1) {
            throw LakebaseErrors.invalid("Exactly one of 'spec.ttl', 'spec.expire_time' or 'spec.no_expiry' must be set"
                    + (given == 0 ? "" : ", got " + given));
        }
        if (noExpiry) {
            return null;
        }
        Instant expires = hasTtl ? clock.instant().plus(duration(spec.get("ttl").asText(), "spec.ttl"))
                : time(spec.get("expire_time").asText(), "spec.expire_time");
        if (!expires.isAfter(clock.instant())) {
            throw LakebaseErrors.invalid("The expiration must be in the future");
        }
        return expires;
    }

    /** A protobuf JSON duration: decimal seconds with an {@code s} suffix, e.g. {@code 3600s} or {@code 1.5s}. */
    static Duration duration(String text, String field) {
        if (text == null || !text.matches("-?\\d+(\\.\\d{1,9})?s")) {
            throw LakebaseErrors.invalid("Field '" + field + "' must be a duration such as '3600s', got '" + text + "'");
        }
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
    }

    static Instant time(String text, String field) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw LakebaseErrors.invalid("Field '" + field + "' must be an RFC 3339 time, got '" + text + "'");
        }
    }
}
