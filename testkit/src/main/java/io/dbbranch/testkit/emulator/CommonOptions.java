package io.dbbranch.testkit.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The options every emulator's command line takes: {@code --help}, {@code --quiet}, {@code --port}, {@code --home},
 * {@code --project}, {@code --operation-polls}, {@code --max-branches} and {@code --fault}. A command reads its own options and hands each
 * other one to {@link #read}, which refuses what it does not know.
 */
public final class CommonOptions {
    private int port;
    private Path home;
    private String project;
    private Integer operationPolls;
    private int maxBranches;
    private boolean quiet;
    private boolean help;
    private final List<String> faults = new ArrayList<>();

    /** Starts from the command's defaults. */
    public CommonOptions(int port, Path home, String project) {
        this.port = port;
        this.home = home;
        this.project = project;
    }

    /**
     * Reads the option at {@code index}.
     *
     * @return the index of its last argument: its value's when it takes one
     * @throws IllegalArgumentException for an unknown option or a missing or malformed value (a usage error)
     */
    public int read(String[] arguments, int index) {
        String option = arguments[index];
        int at = index;
        switch (option) {
            case "--help", "-h" -> help = true;
            case "--quiet" -> quiet = true;
            case "--port" -> port = Integer.parseInt(CommandLines.value(arguments, ++at, option));
            case "--home" -> home = Path.of(CommandLines.value(arguments, ++at, option));
            case "--project" -> project = CommandLines.value(arguments, ++at, option);
            case "--operation-polls" -> operationPolls = Integer.parseInt(CommandLines.value(arguments, ++at, option));
            case "--max-branches" -> maxBranches = nonNegative(CommandLines.value(arguments, ++at, option), option);
            case "--fault" -> faults.add(CommandLines.value(arguments, ++at, option));
            default -> throw new IllegalArgumentException("unknown option '" + option + "'");
        }
        return at;
    }

    private static int nonNegative(String value, String option) {
        int number = Integer.parseInt(value);
        if (number < 0) {
            throw new IllegalArgumentException(option + " must be 0 (no limit) or more, got " + number);
        }
        return number;
    }

    /** {@code --max-branches}: the most branches besides the default one, refused beyond as the service does; 0 = none. */
    public int maxBranches() {
        return maxBranches;
    }

    /** Whether {@code --help} was read: the command prints its usage and reads no further. */
    public boolean helpAsked() {
        return help;
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    public String project() {
        return project;
    }

    /**
     * Applies the options to the started emulator: the operation polls (when given), the faults to inject and, unless
     * {@code --quiet}, a log of requests to stdout.
     */
    public void applyTo(IntConsumer setOperationPolls, Faults emulatorFaults, Consumer<PrintStream> logRequestsTo) {
        if (operationPolls != null) {
            setOperationPolls.accept(operationPolls);
        }
        faults.forEach(emulatorFaults::inject);
        if (!quiet) {
            logRequestsTo.accept(System.out);
        }
    }
}
