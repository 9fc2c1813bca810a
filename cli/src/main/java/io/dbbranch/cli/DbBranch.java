package io.dbbranch.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code dbbranch}: a throw-away copy of a real PostgreSQL database for every build, from the command line. */
@Command(name = "dbbranch", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = DbBranch.Version.class, usageHelpAutoWidth = true,
        description = "A throw-away copy of a real PostgreSQL database for every build.%n"
                + "Providers: local (embedded PostgreSQL 17, the default), postgres, lakebase, neon.%n"
                + "Try: dbbranch demo",
        footer = "%nExit codes and environment variables: docs/cli.md",
        subcommands = {
                CreateCommand.class,
                DeleteCommand.class,
                ListCommand.class,
                CredentialsCommand.class,
                RunCommand.class,
                MigrateCommand.class,
                MigrateUpstreamCommand.class,
                ReviewCommand.class,
                DiffCommand.class,
                RestoreCommand.class,
                ReapCommand.class,
                LocalCommand.class,
                DemoCommand.class,
                HelpCommand.class})
public final class DbBranch implements Runnable {
    /** How long a signal waits for the command to clean up before the JVM exits anyway. */
    private static final Duration TEARDOWN_GRACE = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command, e.g. dbbranch demo");
    }

    public static void main(String[] args) {
        System.exit(execute(CliContext.system(), args));
    }

    /**
     * Runs one command line in {@code context} and returns its exit code. Under a {@link ShutdownGuard} that stays
     * open until the failure, if any, is reported: Ctrl-C or SIGTERM waits for the command's clean-up and its last
     * words (an interrupted create says whether its branch is gone).
     */
    @SuppressWarnings("try") // the guard only has to be open while the command runs
    public static int execute(CliContext context, String... args) {
        try (ShutdownGuard guard = new ShutdownGuard(TEARDOWN_GRACE, note -> warn(context, note))) {
            return commandLine(context).execute(args);
        }
    }

    private static void warn(CliContext context, String note) {
        context.err().println("dbbranch: warning: " + note);
        context.err().flush();
    }

    static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new DbBranch(), new CommandFactory(context));
        ErrorReporter reporter = new ErrorReporter();
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        // Everything after the command to run belongs to it, options included: dbbranch run --parent main psql -c '…'
        commandLine.getSubcommands().get(RunCommand.NAME).setStopAtPositional(true);
        return commandLine;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DbBranch.class.getPackage().getImplementationVersion();
            return new String[] {"dbbranch " + (version == null ? "(development build)" : version)};
        }
    }
}
