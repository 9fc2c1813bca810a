package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v2/projects/{project}/branches?search&limit&cursor} (route {@code branches.list}): the branches
 * whose name or id contains {@code search}, oldest first, with their annotations, a page of {@code limit} at a time.
 * The cursor names the last branch handed out, so branches deleted between pages do not make the next page skip any.
 * As Neon does, every page but an empty one carries a {@code pagination.next}, the last page too.
 */
final class BranchListing {
    private static final int MAX_LIMIT = 10_000;

    private final ProjectScope scope;

    BranchListing(ProjectScope scope) {
        this.scope = scope;
    }

    void register(EmulatorServer server) {
        server.route(new Route("branches.list", "GET", BranchRoutes.BRANCHES, true, this::list));
    }

    private Reply list(Request request) {
        String project = scope.project(request);
        String search = request.queryParam("search").orElse("").toLowerCase(Locale.ROOT);
        int limit = Math.min(scope.tuning.maxPageSize(), request.queryParam("limit").map(BranchListing::limit).orElse(MAX_LIMIT));
        String after = request.queryParam("cursor").filter(c -> !c.isEmpty()).map(BranchListing::decode).orElse(null);
        List<NeonBranchRecord> matching = scope.store.all().stream()
                .filter(b -> b.name.toLowerCase(Locale.ROOT).contains(search) || b.id.contains(search))
                .filter(b -> after == null || key(b).compareTo(after) > 0)
                .toList();
        List<NeonBranchRecord> page = matching.subList(0, Math.min(limit, matching.size()));

        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode branches = answer.putArray("branches");
        ObjectNode annotations = answer.putObject("annotations");
        for (NeonBranchRecord branch : page) {
            branches.add(NeonJson.branch(project, branch));
            if (!branch.annotation.isEmpty()) {
                annotations.set(branch.id, NeonJson.annotation(branch));
            }
        }
        ObjectNode pagination = answer.putObject("pagination").put("sort_by", "created_at").put("sort_order", "asc");
        if (!page.isEmpty()) {
            pagination.put("next", encode(key(page.get(page.size() - 1))));
        }
        return Reply.ok(answer);
    }

    /** The listing order: creation time, then id; fixed width so that strings compare as the order does. */
    private static String key(NeonBranchRecord branch) {
        return String.format("%019d%09d|%s", branch.created.getEpochSecond(), branch.created.getNano(), branch.id);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw NeonErrors.invalid("limit must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw NeonErrors.invalid("limit must be a number, got '" + text + "'");
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw NeonErrors.invalid("invalid cursor");
        }
    }
}
