package io.dbbranch.cli;

import io.dbbranch.engine.DbBranchException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one clear line on stderr and a documented exit code: a {@link DbBranchException} prints its
 * message (what was asked, what happened, what to do) and maps its {@code ErrorCode} through {@link ExitCodes}; a
 * command-line mistake prints picocli's message and where to find help. {@code --verbose} adds the rest of a
 * multi-line message and the stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final String PREFIX = "dbbranch: ";
    private static final Pattern FLYWAY_MESSAGE = Pattern.compile("(?m)^Message\\s*:\\s*(.+)$");
    private static final Pattern FLYWAY_SAYS = Pattern.compile("(?m)^Flyway says: (.+)$");

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        boolean verbose = commandLine.getCommand() instanceof BaseCommand command && command.verbose();
        PrintWriter err = commandLine.getErr();
        if (failure instanceof DbBranchException known) {
            print(err, known.getMessage(), known, verbose);
            return known instanceof ReviewVerdictException verdict ? verdict.exitCode() : ExitCodes.of(known.code());
        }
        if (failure instanceof InterruptedException) {
            print(err, "interrupted; what was created has been torn down", failure, verbose);
            return ExitCodes.INTERRUPTED;
        }
        print(err, "unexpected error: " + failure, failure, verbose);
        return ExitCodes.FAILED;
    }

    @Override
    public int handleParseException(ParameterException mistake, String[] args) {
        CommandLine commandLine = mistake.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(PREFIX + describe(mistake) + " (see: " + commandLine.getCommandSpec().qualifiedName()
                + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * Picocli's message, except for unknown arguments: those are not echoed, since a mistyped secret flag
     * ({@code --postgres-password hunter2}) would otherwise put the secret in the build log.
     */
    private static String describe(ParameterException mistake) {
        if (!(mistake instanceof UnmatchedArgumentException unmatched)) {
            return firstLine(mistake.getMessage());
        }
        List<String> options = unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-"))
                .map(arg -> "'" + arg.replaceFirst("=.*", "") + "'").toList();
        long others = unmatched.getUnmatched().size() - options.size();
        String known = options.isEmpty() ? "" : (options.size() == 1 ? "Unknown option: " : "Unknown options: ") + String.join(", ", options);
        String rest = others == 0 ? "" : others + " unexpected argument" + (others == 1 ? "" : "s") + " (not shown)";
        return known.isEmpty() ? "Unexpected: " + rest : rest.isEmpty() ? known : known + " and " + rest;
    }

    private static void print(PrintWriter err, String message, Throwable failure, boolean verbose) {
        String text = message == null ? failure.getClass().getName() : message;
        if (verbose) {
            err.println(PREFIX + text);
            failure.printStackTrace(err);
        } else {
            boolean more = text.contains("\n") || failure.getSuppressed().length > 0;
            err.println(PREFIX + firstLine(text) + toolReason(text).map(reason -> " Flyway: " + reason).orElse("")
                    + (more ? " (more with --verbose)" : ""));
        }
        err.flush();
    }

    /**
     * The database's own words from a Flyway failure the engine quotes below its first line ({@code Message : ERROR:
     * relation "x" does not exist}, or Flyway's first line): the one detail worth keeping on the error's line.
     */
    private static Optional<String> toolReason(String text) {
        Matcher message = FLYWAY_MESSAGE.matcher(text);
        if (message.find()) {
            return Optional.of(message.group(1).strip());
        }
        Matcher says = FLYWAY_SAYS.matcher(text);
        return says.find() ? Optional.of(says.group(1).strip()) : Optional.empty();
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
