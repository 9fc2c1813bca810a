package io.dbbranch.cli.options;

import picocli.CommandLine.Option;

/** {@code --json}: print the result as JSON on stdout, and no progress on stderr. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON (and no progress on stderr).")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }
}
