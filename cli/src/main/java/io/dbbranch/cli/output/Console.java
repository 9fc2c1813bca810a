package io.dbbranch.cli.output;

import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.report.TextTable;
import io.dbbranch.engine.spi.Progress;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where a command writes. Data (tables, key/value blocks, JSON) goes to stdout; progress and notes go to stderr,
 * prefixed with the time since the command started, and are silent in JSON mode so that stdout stays parseable
 * and stderr stays quiet for scripts. Warnings (something may have been left behind) are always printed.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final long startedNanos = System.nanoTime();

    public Console(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean isJson() {
        return json;
    }

    /** The engine's progress sink: {@code [  1.2 s] waiting for …} on stderr, nothing in JSON mode. */
    public Progress progress() {
        return json ? Progress.SILENT : this::note;
    }

    /** A progress line on stderr (not in JSON mode). */
    public void note(String message) {
        if (!json) {
            err.printf("[%5.1f s] %s%n", elapsedSeconds(), message);
            err.flush();
        }
    }

    /** A warning on stderr, printed in every mode. */
    public void warn(String message) {
        err.println("dbbranch: warning: " + message);
        err.flush();
    }

    /** Seconds since the command started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Prints {@code value} as JSON in JSON mode, else the table. */
    public void print(Object value, TextTable table) {
        if (json) {
            json(value);
        } else {
            text(table.render());
        }
    }

    /** Prints {@code value} as JSON in JSON mode, else {@code text} (a rendered report). */
    public void print(Object value, String text) {
        if (json) {
            json(value);
        } else {
            text(text.endsWith("\n") ? text : text + "\n");
        }
    }

    /** Prints {@code value} as JSON in JSON mode, else the fields as an aligned key/value block. */
    public void print(Object value, Map<String, ?> fields) {
        if (json) {
            json(value);
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        fields.forEach((key, field) -> text.append(key).append(" ".repeat(width - key.length() + 2))
                .append(field == null ? "-" : field).append('\n'));
        text(text.toString());
    }

    public void json(Object value) {
        out.println(ReportJson.write(value));
        out.flush();
    }

    /** Raw text on stdout. */
    public void text(String text) {
        out.print(text);
        out.flush();
    }
}
