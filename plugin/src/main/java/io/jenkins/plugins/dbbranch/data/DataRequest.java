package io.jenkins.plugins.dbbranch.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Util;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.DataPolicy;
import io.dbbranch.engine.data.TableRef;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What data a build's branch may hold, as {@code withDbBranch} and the freestyle wrapper take it ({@code data},
 * {@code masking}, {@code keepData}, {@code allowUnmasked}): text as written, read into the engine's {@link BranchData}
 * when the build runs, with the masking file read from the build's workspace. Holds no secret and no database value,
 * so Pipeline may persist it.
 */
public final class DataRequest implements Serializable {
    private static final long serialVersionUID = 1L;
    /** All of the parent's data: what a build gets when it asks for nothing. */
    public static final DataRequest FULL = new DataRequest(null, null, null, null);

    // A class, not a record: Pipeline persists it with JBoss Marshalling, which cannot rebuild records.
    private final String data;
    private final String masking;
    private final String keepData;
    private final String allowUnmasked;

    /**
     * @param data          {@code full}, {@code schema-only} or {@code masked}; {@code null} for full
     * @param masking       the masking file, relative to the workspace; required for masked data
     * @param keepData      tables a schema-only branch keeps the rows of, comma separated ({@code countries, currencies})
     * @param allowUnmasked personal-looking columns a masked branch may leave as they are, comma separated
     *                      ({@code products.name})
     */
    public DataRequest(@CheckForNull String data, @CheckForNull String masking, @CheckForNull String keepData,
                       @CheckForNull String allowUnmasked) {
        this.data = Util.fixEmptyAndTrim(data);
        this.masking = Util.fixEmptyAndTrim(masking);
        this.keepData = Util.fixEmptyAndTrim(keepData);
        this.allowUnmasked = Util.fixEmptyAndTrim(allowUnmasked);
    }

    public String data() { return data; }
    public String masking() { return masking; }
    public String keepData() { return keepData; }
    public String allowUnmasked() { return allowUnmasked; }

    /**
     * The engine's policy for this request, checked before any branch is made: the masking file (if named) is read from
     * {@code workspace} and parsed by the engine, the lists are added to the file's.
     *
     * @param workspace the build's workspace (on any agent), or {@code null} outside {@code node}
     * @throws AbortException naming the parameter or the file and what to write instead
     */
    public BranchData read(@CheckForNull FilePath workspace) throws IOException, InterruptedException {
        try {
            DataPolicy policy = policy(data);
            if (policy == DataPolicy.MASKED && masking == null) {
                throw new AbortException("data: 'masked' needs the masking rules: name their file in the workspace, e.g. "
                        + "masking: 'db/masking.yml' (see docs/data-safe-branches.md)");
            }
            // The file is read only when the policy uses it; with full data, an empty stand-in lets the engine refuse it.
            MaskingRules rules = masking == null ? null
                    : policy == DataPolicy.FULL ? MaskingRules.NONE : WorkspaceMaskingFile.read(workspace, masking);
            return BranchData.of(policy, rules, list(keepData, TableRef::parse), list(allowUnmasked, ColumnRef::parse));
        } catch (DbBranchException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Reads {@code full}, {@code schema-only} or {@code masked}; {@code null} is full. */
    static DataPolicy policy(@CheckForNull String text) {
        return text == null ? DataPolicy.FULL : DataPolicy.parse(text);
    }

    /** The items of a comma-separated list, each read by {@code parser}; none for {@code null}. */
    static <T> List<T> list(@CheckForNull String text, Function<String, T> parser) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).map(parser).toList();
    }
}
