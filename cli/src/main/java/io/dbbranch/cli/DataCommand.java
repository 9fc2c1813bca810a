package io.dbbranch.cli;

import io.dbbranch.cli.options.JsonOption;
import picocli.CommandLine.Mixin;

/** A provider command that returns data, and so takes {@code --json}. */
public abstract class DataCommand extends ProviderCommand {
    @Mixin
    JsonOption json;

    @Override
    protected final boolean json() {
        return json.enabled();
    }
}
