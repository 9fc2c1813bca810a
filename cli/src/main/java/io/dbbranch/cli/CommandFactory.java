package io.dbbranch.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Creates commands as picocli's default factory does and hands each its {@link CliContext}. */
final class CommandFactory implements IFactory {
    private final IFactory fallback = CommandLine.defaultFactory();
    private final CliContext context;

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K created = fallback.create(type);
        if (created instanceof BaseCommand command) {
            command.attach(context);
        }
        return created;
    }
}
