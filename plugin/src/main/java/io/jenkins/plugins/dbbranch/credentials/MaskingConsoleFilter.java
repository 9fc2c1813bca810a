package io.jenkins.plugins.dbbranch.credentials;

import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.dbbranch.lease.LiveLeases;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * Hides the branch's token, its URLs and their encoded forms in the console of one build. The strings come from two
 * places: the ones known when the filter was made (kept as a {@link Secret}, so they are encrypted wherever Jenkins
 * persists the filter, e.g. {@code program.dat}), and, on the controller, whatever the build's live leases mint later
 * (credential refreshes). Serializing the filter (to an agent, or to disk) captures the strings known at that moment.
 *
 * <p>Serializable, as {@code BodyInvoker.mergeConsoleLogFilters} requires: a non-serializable filter is dropped.
 */
public final class MaskingConsoleFilter extends ConsoleLogFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String SEPARATOR = "\n";

    private final String runId;
    private volatile Secret known;
    private final String charsetName;

    /**
     * @param runId   the build's {@link Run#getExternalizableId()}, whose live leases add their strings
     * @param masks   the strings to hide from the start
     * @param charset the build's console charset
     */
    public MaskingConsoleFilter(String runId, Set<String> masks, Charset charset) {
        this.runId = runId;
        this.known = Secret.fromString(String.join(SEPARATOR, masks));
        this.charsetName = charset.name();
    }

    @Override
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return new MaskingOutputStream(logger, this::masks, Charset.forName(charsetName));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(AbstractBuild build, OutputStream logger) {
        return decorateLogger((Run) build, logger);
    }

    /** Every string to hide now. */
    Set<String> masks() {
        Set<String> masks = new LinkedHashSet<>();
        String plain = known.getPlainText();
        if (!plain.isEmpty()) {
            masks.addAll(Arrays.asList(plain.split(SEPARATOR)));
        }
        // On an agent there is no Jenkins and no live lease: the strings known at serialization are all there is.
        if (Jenkins.getInstanceOrNull() != null) {
            masks.addAll(LiveLeases.masksOf(runId));
        }
        return masks;
    }

    /**
     * Captures the strings of refreshes made since this filter was created. Returns this very object (not a copy), so
     * that no serialization framework calls it again on its result.
     */
    private Object writeReplace() {
        known = Secret.fromString(String.join(SEPARATOR, masks()));
        return this;
    }
}
