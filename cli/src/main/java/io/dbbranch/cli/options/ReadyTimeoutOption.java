package io.dbbranch.cli.options;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --ready-timeout}: how long to wait for a branch to accept connections. */
public final class ReadyTimeoutOption {
    @Option(names = "--ready-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "How long to wait for the branch to accept connections (default ${DEFAULT-VALUE}).")
    Duration value;

    public Duration value() {
        return value;
    }
}
