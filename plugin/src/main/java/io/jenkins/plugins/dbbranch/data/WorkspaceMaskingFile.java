package io.jenkins.plugins.dbbranch.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import io.dbbranch.engine.data.masking.MaskingFile;
import io.dbbranch.engine.data.masking.MaskingRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A masking file in a build's workspace, which may be on an agent: read there, parsed here by the engine's
 * {@link MaskingFile} (whose errors name the file and the line).
 */
final class WorkspaceMaskingFile {
    private WorkspaceMaskingFile() {
    }

    /**
     * Reads and parses {@code path} (relative to {@code workspace}).
     *
     * @throws AbortException when there is no workspace, the path leaves it, or the file is missing
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} naming the file's wrong line
     */
    static MaskingRules read(@CheckForNull FilePath workspace, String path) throws IOException, InterruptedException {
        String outside = outsideWorkspace(path);
        if (outside != null) {
            throw new AbortException("masking: '" + path + "' " + outside);
        }
        if (workspace == null) {
            throw new AbortException("masking: '" + path + "' is read from the workspace, and this step runs outside node { … }; "
                    + "put withDbBranch inside node (after checkout scm)");
        }
        FilePath file = workspace.child(path);
        if (!file.exists() || file.isDirectory()) {
            throw new AbortException("masking: there is no file '" + path + "' in the workspace " + workspace.getRemote()
                    + "; check the path (relative to the workspace) and that the repository was checked out first");
        }
        try (InputStream in = file.read()) {
            return MaskingFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
        }
    }

    /**
     * Why {@code path} does not name a file inside the workspace (absolute, or climbing out with {@code ..}), or
     * {@code null} when it does: the rules belong to the repository, and an error quoting a line must never quote
     * another file of the machine.
     */
    @CheckForNull
    static String outsideWorkspace(String path) {
        String normal = path.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")) {
            return "is an absolute path; name the file relative to the workspace, e.g. db/masking.yml";
        }
        for (String part : normal.split("/")) {
            if (part.equals("..")) {
                return "leaves the workspace ('..'); name a file of the repository, e.g. db/masking.yml";
            }
        }
        return null;
    }
}
