package io.dbbranch.testkit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an emulator from the command line: {@code java -jar dbbranch-testkit.jar <emulator> [options]}.
 * Each emulator parses its own options; {@code --help} lists them.
 */
public final class Main {
    /** An emulator's command-line entry point; returns the process exit code. */
    @FunctionalInterface
    public interface Command {
        int run(String[] arguments) throws Exception;
    }

    private static final Map<String, Command> EMULATORS = new LinkedHashMap<>();

    static {
        EMULATORS.put("lakebase", io.dbbranch.testkit.lakebase.LakebaseCommand::run);
        EMULATORS.put("neon", io.dbbranch.testkit.neon.NeonCommand::run);
    }

    private Main() {
    }

    public static void main(String[] arguments) throws Exception {
        System.exit(run(arguments));
    }

    static int run(String[] arguments) throws Exception {
        Command command = arguments.length == 0 ? null : EMULATORS.get(arguments[0]);
        if (command == null) {
            System.err.println("Usage: java -jar dbbranch-testkit.jar <" + String.join("|", EMULATORS.keySet())
                    + "> --port <port> --home <dir> [--help]");
            return arguments.length == 0 || "--help".equals(arguments[0]) ? 0 : 2;
        }
        return command.run(Arrays.copyOfRange(arguments, 1, arguments.length));
    }
}
