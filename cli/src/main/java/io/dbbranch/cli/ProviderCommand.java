package io.dbbranch.cli;

import io.dbbranch.cli.config.ConnectionOptions;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.cli.provider.Providers;
import io.dbbranch.engine.spi.BranchProvider;
import picocli.CommandLine.ArgGroup;

/** A command that works on a provider's branches: adds the provider options and opens the provider they choose. */
public abstract class ProviderCommand extends BaseCommand {
    @ArgGroup(validate = false, heading = "%nProvider (flags override DBBRANCH_* environment variables and the config file):%n")
    ConnectionOptions connection = new ConnectionOptions();

    private Settings settings;

    /** The settings from the flags, the environment and the config file (read once). */
    protected final Settings settings() {
        if (settings == null) {
            ConnectionOptions options = connection == null ? new ConnectionOptions() : connection;
            settings = Settings.load(options.flags(), options.config(), context(), console()::warn);
        }
        return settings;
    }

    /** Opens the chosen provider; the caller closes it. */
    protected final BranchProvider openProvider() {
        return Providers.open(settings(), console().progress());
    }
}
