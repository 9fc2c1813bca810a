package io.dbbranch.engine.neon;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.neon.NeonBodies.Annotation;
import io.dbbranch.engine.neon.NeonBodies.BranchPage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds branches by name. Neon addresses branches by id ({@code br-…}); names are looked up with the list call's
 * {@code search} (a substring match on name or id), following the cursor through every page, and then compared
 * exactly.
 */
final class BranchFinder {
    private static final Pattern BRANCH_ID = Pattern.compile("br-[a-z0-9-]+");
    private static final int MAX_PAGES = 1_000;

    private final NeonApi api;

    BranchFinder(NeonApi api) {
        this.api = api;
    }

    /** A branch and its annotation's values (empty when it has none). */
    record Found(NeonBranch branch, Map<String, String> annotation) {
    }

    /**
     * Every branch whose name starts with {@code prefix}, with its annotation, each once. Neon sends a
     * {@code pagination.next} on the last page too, so a short page ends the walk, and so does a page with no branch
     * not seen before (a server that hands the same page out again) or a cursor seen before.
     */
    List<Found> withPrefix(String prefix) {
        String wanted = prefix == null ? "" : prefix;
        List<Found> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            BranchPage result = api.listBranches(wanted, cursor);
            boolean anyNew = false;
            for (NeonBranch branch : result.branches()) {
                if (!seen.add(branch.id())) {
                    continue;
                }
                anyNew = true;
                if (branch.name() != null && branch.name().startsWith(wanted)) {
                    Annotation annotation = result.annotations().get(branch.id());
                    found.add(new Found(branch, annotation == null || annotation.value() == null ? Map.of() : annotation.value()));
                }
            }
            cursor = result.nextCursor();
            if (cursor == null || result.branches().size() < api.pageSize() || !anyNew || !cursors.add(cursor)) {
                return found;
            }
        }
        throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, "List the branches of Neon project " + api.projectId(),
                "the listing did not end after " + MAX_PAGES + " pages", "Report this with the project id");
    }

    /** The branch named exactly {@code name}. */
    Optional<Found> byName(String name) {
        List<Found> matches = withPrefix(name).stream().filter(f -> name.equals(f.branch().name())).toList();
        if (matches.size() > 1) {
            // Neon refuses duplicate names today; should it ever allow them, guessing would be dangerous.
            throw DbBranchException.of(ErrorCode.CONFLICT, "Find Neon branch '" + name + "'",
                    "there are " + matches.size() + " branches of that name: " + matches.stream()
                            .map(f -> f.branch().id()).collect(Collectors.joining(", ")),
                    "Delete or rename all but one in the Neon console");
        }
        return matches.stream().findFirst();
    }

    /** A branch named by the user: by name, or by its {@code br-…} id. */
    NeonBranch resolve(String nameOrId, String asked) {
        if (BRANCH_ID.matcher(nameOrId).matches()) {
            Optional<NeonBranch> byId = api.getBranch(nameOrId).map(NeonBodies.BranchWithAnnotation::branch);
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return byName(nameOrId).map(Found::branch).orElseThrow(() -> {
            List<String> names = withPrefix("").stream().map(f -> f.branch().name()).limit(20).toList();
            return DbBranchException.of(ErrorCode.NOT_FOUND, asked, "Neon project " + api.projectId()
                    + " has no branch named '" + nameOrId + "'", "Existing branches: " + String.join(", ", names));
        });
    }
}
