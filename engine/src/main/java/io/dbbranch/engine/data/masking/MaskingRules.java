package io.dbbranch.engine.data.masking;

import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a masking file says: a strategy per column, the personal-looking columns that may stay as they are, the tables
 * to empty instead of masking, and the reference tables a schema-only branch keeps. Read one with {@link MaskingFile}.
 *
 * @param columns       the strategy of each masked column, in the file's order
 * @param allowUnmasked columns the personal-column guard lets through unmasked
 * @param empty         tables emptied on a masked branch (logs, sessions, audit trails): nothing to mask in them
 * @param keepData      tables a schema-only branch keeps the rows of
 */
public record MaskingRules(Map<ColumnRef, MaskingStrategy> columns, List<ColumnRef> allowUnmasked, List<TableRef> empty,
                           List<TableRef> keepData) {
    /** No rules at all. */
    public static final MaskingRules NONE = new MaskingRules(Map.of(), List.of(), List.of(), List.of());

    public MaskingRules {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(columns, "columns")));
        allowUnmasked = List.copyOf(allowUnmasked);
        empty = List.copyOf(empty);
        keepData = List.copyOf(keepData);
    }

    /** These rules plus more columns allowed unmasked (e.g. from a command-line option). */
    public MaskingRules withAllowUnmasked(List<ColumnRef> more) {
        return new MaskingRules(columns, union(allowUnmasked, more), empty, keepData);
    }

    /** These rules plus more tables to keep on a schema-only branch. */
    public MaskingRules withKeepData(List<TableRef> more) {
        return new MaskingRules(columns, allowUnmasked, empty, union(keepData, more));
    }

    private static <T> List<T> union(List<T> first, List<T> second) {
        LinkedHashSet<T> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }
}
