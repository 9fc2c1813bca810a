package io.dbbranch.cli;

import io.dbbranch.cli.demo.DemoStory;
import io.dbbranch.engine.local.LocalHome;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbbranch demo}: the seed story on the embedded cluster, with nothing installed but Java. */
@Command(name = "demo", header = "Play the product's story on the embedded PostgreSQL, then clean up.",
        description = "Play the story on the embedded PostgreSQL: a main database, a build's branch with a short-lived "
                + "login, an accident on main and its point-in-time recovery; then tear it all down and print each "
                + "step's time. Uses its own demo-* databases in $DBBRANCH_HOME (default ~/.dbbranch, for root "
                + "/var/lib/dbbranch) and can be run "
                + "again any time.")
final class DemoCommand extends BaseCommand {
    @Option(names = "--migrations", paramLabel = "DIR",
            description = "Migrate the build's branch with these Flyway scripts instead of the sample ones (examples/migrations).")
    Path migrations;

    @Override
    protected int execute() throws Exception {
        String location = migrations == null ? DemoStory.SAMPLE_MIGRATIONS : "filesystem:" + context().resolve(migrations);
        new DemoStory(LocalHome.fromEnvironment(context().environment()), location, context().out(), console().progress()).play();
        return ExitCodes.OK;
    }
}
