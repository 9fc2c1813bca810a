package io.dbbranch.cli.provider;

import io.dbbranch.cli.config.Settings;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Picks the provider named by the settings ({@code --provider}, {@code DBBRANCH_PROVIDER}, default {@code local}). */
public final class Providers {
    private static final List<ProviderFactory> FACTORIES = List.of(
            new LocalProviderFactory(),
            new PostgresProviderFactory(),
            new LakebaseProviderFactory(),
            new NeonProviderFactory());

    private Providers() {
    }

    /** The names users can choose from. */
    public static List<String> kinds() {
        return FACTORIES.stream().map(ProviderFactory::kind).toList();
    }

    /** Opens the provider the settings name. */
    public static BranchProvider open(Settings settings, Progress progress) {
        return factory(settings.provider()).open(settings, progress);
    }

    static ProviderFactory factory(String kind) {
        String wanted = kind.trim().toLowerCase(Locale.ROOT);
        return FACTORIES.stream().filter(factory -> factory.kind().equals(wanted)).findFirst()
                .orElseThrow(() -> DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use provider '" + kind + "'",
                        "there is no provider of that name",
                        "Choose one of " + FACTORIES.stream().map(ProviderFactory::kind).collect(Collectors.joining(", "))
                                + " with --provider or DBBRANCH_PROVIDER"));
    }
}
