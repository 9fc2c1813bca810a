package io.dbbranch.cli.options;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.capacity.Capacity;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --max-branches} and {@code --wait}: how many branches of this owner may live at once on the connection, and
 * how long to wait for a slot (in line, and while the service refuses more branches) before failing.
 */
public final class CapacityOptions {
    @Option(names = "--max-branches", paramLabel = "N",
            description = "At most N branches of this owner alive at once on this connection; more wait in line "
                    + "(default: no limit of ours, the service's own still applies). Env: DBBRANCH_MAX_BRANCHES; "
                    + "config file: maxBranches.")
    Integer maxBranches;

    @Option(names = "--wait", paramLabel = "DURATION", converter = CapacityOptions.WaitConverter.class, defaultValue = "10m",
            description = "How long to wait for a branch slot, or while the service refuses more branches, before "
                    + "failing (default ${DEFAULT-VALUE}; 0 fails at once).")
    Duration maxWait;

    /** A duration as {@link DurationConverter} reads it, or {@code 0}: do not wait. */
    static final class WaitConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return text.trim().matches("0+(ms|s|m|h|d)?") ? Duration.ZERO : DurationConverter.parse(text);
        }
    }

    /** The capacity for a lease on {@code connection}: the flag, else the setting, else no limit. */
    public Capacity toCapacity(String connection, Settings settings) {
        int limit = maxBranches != null ? maxBranches : settings.number(ConfigKey.MAX_BRANCHES).orElse(0);
        return new Capacity(connection, limit, maxWait);
    }
}
