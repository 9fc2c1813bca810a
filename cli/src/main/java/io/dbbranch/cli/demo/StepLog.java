package io.dbbranch.cli.demo;

import io.dbbranch.engine.report.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Numbers, times and prints the steps of the demo, and renders the summary table at the end. */
final class StepLog {
    /** A step that returns what it found, for the summary. */
    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    private record Entry(int number, String title, Duration elapsed, String outcome) {
    }

    private final PrintWriter out;
    private final List<Entry> entries = new ArrayList<>();

    StepLog(PrintWriter out) {
        this.out = out;
    }

    /** Runs and times one step, printing its title before and its outcome after. */
    void run(String title, Step step) throws Exception {
        int number = entries.size() + 1;
        out.printf("%n%d. %s%n", number, title);
        out.flush();
        long started = System.nanoTime();
        String outcome;
        try {
            outcome = step.run();
        } catch (Exception | Error e) {
            entries.add(new Entry(number, title, Duration.ofNanos(System.nanoTime() - started), "FAILED"));
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        entries.add(new Entry(number, title, elapsed, outcome));
        out.printf("   %s (%s)%n", outcome, seconds(elapsed));
        out.flush();
    }

    /** Records a step that was left out, with the reason. */
    void skip(String title, String reason) {
        int number = entries.size() + 1;
        out.printf("%n%d. %s%n   skipped: %s%n", number, title, reason);
        out.flush();
        entries.add(new Entry(number, title, Duration.ZERO, "skipped: " + reason));
    }

    /** Prints a line of the story under the current step. */
    void say(String text) {
        out.println("   " + text);
        out.flush();
    }

    void printSummary() {
        TextTable table = TextTable.withHeaders("#", "Step", "Time", "Result").rightAligned("#", "Time");
        Duration total = Duration.ZERO;
        for (Entry entry : entries) {
            table.row(entry.number(), entry.title(), seconds(entry.elapsed()), entry.outcome());
            total = total.plus(entry.elapsed());
        }
        table.row("", "total", seconds(total), "");
        out.printf("%nSummary%n%s", table.render());
        out.flush();
    }

    private static String seconds(Duration elapsed) {
        return String.format("%.2f s", elapsed.toNanos() / 1e9);
    }
}
