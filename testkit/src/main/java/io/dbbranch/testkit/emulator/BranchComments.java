package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds an emulator's branches again after a restart: each keeps its metadata as JSON in its database's comment, on
 * the backing server or on a server restored from its history. A restore copies the whole server, comments and all,
 * so on a restored server only the comments that name that server ({@code "server"}) count; on the backing server,
 * only those that name none.
 */
public final class BranchComments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BranchComments() {
    }

    /**
     * A branch's metadata and where its database is.
     *
     * @param database       the database (named after the branch)
     * @param meta           the JSON in its comment
     * @param server         the server holding it
     * @param restoredServer the name of that server when it was restored from the history, else {@code null}
     */
    public record Found(String database, JsonNode meta, BackingPostgres server, String restoredServer) {
    }

    /** The comments carrying {@code marker} and {@code project}, of every server of {@code backing}. */
    public static List<Found> load(BackingPostgres backing, String marker, String project) throws SQLException {
        List<Found> found = new ArrayList<>();
        collect(backing, null, marker, project, found);
        if (backing.history().isPresent()) {
            BackingHistory history = backing.history().get();
            for (String name : history.branches()) {
                collect(history.server(name).orElseThrow(), name, marker, project, found);
            }
        }
        return found;
    }

    private static void collect(BackingPostgres server, String restoredServer, String marker, String project,
                                List<Found> found) throws SQLException {
        for (Map.Entry<String, String> comment : server.comments().entrySet()) {
            try {
                JsonNode meta = JSON.readTree(comment.getValue());
                if (meta != null && meta.has(marker) && project.equals(meta.path("project").asText())
                        && Objects.equals(restoredServer, meta.path("server").asText(null))) {
                    found.add(new Found(comment.getKey(), meta, server, restoredServer));
                }
            } catch (IOException notOurs) {
                // a comment someone else wrote: not a branch of ours
            }
        }
    }
}
