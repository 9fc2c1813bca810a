package io.dbbranch.cli;

import io.dbbranch.cli.output.Console;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What every command shares: its {@link CliContext}, {@code --verbose}, and a {@link Console} set up for the output
 * mode. Subclasses implement {@link #execute()} and return an exit code; failures are thrown as
 * {@link io.dbbranch.engine.DbBranchException} and turned into one line on stderr and an exit code by
 * {@link ErrorReporter}.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "On failure, print the whole message and the stack trace.")
    boolean verbose;

    private CliContext context;
    private Console console;

    /** Called by the command factory before parsing. */
    final void attach(CliContext cliContext) {
        this.context = Objects.requireNonNull(cliContext, "cliContext");
    }

    /**
     * Runs the command. {@link DbBranch#execute} holds a {@link ShutdownGuard} around it, so that Ctrl-C or SIGTERM
     * lets it delete what it made (a half-made branch, a lease, a rehearsal branch) before the JVM exits.
     */
    @Override
    public final Integer call() throws Exception {
        console = new Console(context.out(), context.err(), json());
        return execute();
    }

    /** Runs the command and returns its exit code. */
    protected abstract int execute() throws Exception;

    /** Whether the command prints JSON (only commands with a {@code --json} option say yes). */
    protected boolean json() {
        return false;
    }

    final boolean verbose() {
        return verbose;
    }

    protected final CliContext context() {
        return context;
    }

    protected final Console console() {
        return console;
    }
}
