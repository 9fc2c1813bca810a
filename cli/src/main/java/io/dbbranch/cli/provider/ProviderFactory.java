package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;

/** Makes one kind of provider from the CLI's settings. */
public interface ProviderFactory {

    /** The name users select it by: {@code local}, {@code postgres}, {@code lakebase}, {@code neon}. */
    String kind();

    /**
     * Opens the provider. Reports every missing or malformed setting at once, naming where each can be set.
     *
     * @throws io.dbbranch.engine.DbBranchException {@code INVALID_REQUEST} for missing or malformed settings
     */
    BranchProvider open(Settings settings, Progress progress);
}
