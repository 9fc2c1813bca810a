package io.dbbranch.engine.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The schema changes between a parent and a branch, sorted by {@link SchemaChange#ORDER}. Holds no times or other
 * run-specific values: two comparisons of the same schemas give equal reports and byte-equal JSON and Markdown, so a
 * front end can tell a report that did not change.
 *
 * @param parent  the parent's label
 * @param branch  the branch's label
 * @param changes the differences, in stable order
 */
public record SchemaDiffReport(String parent, String branch, List<SchemaChange> changes) {

    public SchemaDiffReport {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(branch, "branch");
        changes = changes.stream().sorted(SchemaChange.ORDER).toList();
    }

    /** How many changes can lose data or break writes. */
    @JsonProperty("destructiveCount")
    public long destructiveCount() {
        return changes.stream().filter(SchemaChange::destructive).count();
    }

    /** Whether any change can lose data (PlanetScale's {@code can_drop_data}). */
    @JsonProperty("canDropData")
    public boolean canDropData() {
        return destructiveCount() > 0;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
