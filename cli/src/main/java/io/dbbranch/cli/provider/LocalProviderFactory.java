package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;

/** The embedded PostgreSQL 17 in the dbbranch home, started on first use and left running. */
final class LocalProviderFactory implements ProviderFactory {
    @Override
    public String kind() {
        return "local";
    }

    @Override
    public BranchProvider open(Settings settings, Progress progress) {
        return start(settings.home(), settings.owner(), progress);
    }

    /** Opens the provider, saying so when the cluster has to be started (or created) first. */
    static LocalProvider start(LocalHome home, String owner, Progress progress) {
        LocalClusters.announceStart(home, progress);
        return LocalProvider.open(home, owner);
    }
}
