package io.dbbranch.cli;

import io.dbbranch.cli.config.ConfigKey;
import io.dbbranch.cli.config.Settings;
import io.dbbranch.cli.options.JsonOption;
import io.dbbranch.cli.provider.LocalClusters;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalHome;
import io.dbbranch.engine.local.LocalProvider;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dbbranch local start|stop|status}: the embedded PostgreSQL cluster (17 or 18) of the local provider. */
@Command(name = "local", description = "Start, stop or inspect the embedded PostgreSQL cluster (17 by default, or 18) in "
        + "$DBBRANCH_HOME (default ~/.dbbranch; for root /var/lib/dbbranch, the server then running as the system user dbbranch).",
        subcommands = {LocalCommand.Start.class, LocalCommand.Stop.class, LocalCommand.Status.class})
final class LocalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a subcommand: start, stop or status");
    }

    /** The home and settings every local subcommand starts from. */
    abstract static class LocalSubcommand extends BaseCommand {
        @Mixin
        JsonOption json;

        @Option(names = "--database", paramLabel = "NAME", defaultValue = "postgres",
                description = "The database the printed admin URL points at (default ${DEFAULT-VALUE}).")
        String database;

        @Option(names = "--pg-version", paramLabel = "MAJOR",
                description = "PostgreSQL 17 (default) or 18 for a new cluster: match production's major version; an "
                        + "existing cluster keeps its own. Env: DBBRANCH_PG_VERSION, config key local.pgVersion.")
        String pgVersion;

        @Override
        protected boolean json() {
            return json.enabled();
        }

        Settings settings() {
            return Settings.load(pgVersion == null ? Map.of() : Map.of(ConfigKey.PG_VERSION, pgVersion), null, context(),
                    console()::warn);
        }

        LocalHome home() {
            return LocalHome.fromEnvironment(context().environment());
        }

        int printStatus(LocalCluster cluster) {
            LocalStatus status = LocalStatus.of(home(), cluster, database);
            console().print(status, status.fields());
            return ExitCodes.OK;
        }
    }

    @Command(name = "start", description = "Create (on first use) and start the cluster; print its status.")
    static final class Start extends LocalSubcommand {
        @Override
        protected int execute() {
            Settings settings = settings();
            try (LocalProvider provider = LocalClusters.start(home(), settings.pgVersion(), settings.owner(),
                    console().progress())) {
                return printStatus(provider.cluster());
            }
        }
    }

    @Command(name = "stop", description = "Stop the cluster (open sessions are disconnected); its data stays.")
    static final class Stop extends LocalSubcommand {
        @Override
        protected int execute() {
            LocalCluster cluster = LocalClusters.of(home());
            if (cluster.runningPort().isPresent()) {
                console().note("stopping the local cluster in " + home().path());
                cluster.stop();
            }
            return printStatus(cluster);
        }
    }

    @Command(name = "status", header = "Print whether the cluster runs, its port and the admin connection URL.",
            description = "With --json, the URL includes the admin password, to load data with any client.")
    static final class Status extends LocalSubcommand {
        @Override
        protected int execute() {
            return printStatus(LocalClusters.of(home()));
        }
    }
}
