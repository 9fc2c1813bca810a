package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.local.PgMajor;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;

/** The embedded PostgreSQL (17, or 18 when asked) in the dbbranch home, started on first use and left running. */
final class LocalProviderFactory implements ProviderFactory {
    @Override
    public String kind() {
        return "local";
    }

    @Override
    public BranchProvider open(Settings settings, Progress progress) {
        return start(settings.home(), settings.pgVersion(), settings.owner(), progress);
    }

    /**
     * Opens the provider, saying so when the cluster has to be started (or created) first.
     *
     * @param major the PostgreSQL major version asked for, or {@code null} (the cluster's, 17 for a new one)
     */
    static LocalProvider start(LocalHome home, PgMajor major, String owner, Progress progress) {
        LocalClusters.announceStart(home, major, progress);
        return LocalProvider.open(home, major, owner);
    }
}
