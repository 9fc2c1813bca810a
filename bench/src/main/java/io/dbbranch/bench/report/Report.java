package io.dbbranch.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's findings, written twice: {@code <name>.md} for people (the README and docs quote it) and
 * {@code <name>.json} for tools that track figures over time. Both carry the command that made them, the
 * machine (core count, load) and the goals with whether each was met.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String title;
    private final String command;
    private final Machine machine = Machine.current();
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> markdown = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final ObjectNode results = JSON.createObjectNode();

    /**
     * @param name    the file name stem, e.g. {@code speed}
     * @param title   the heading
     * @param command the command line that reproduces it
     */
    public Report(String name, String title, String command) {
        this.name = name;
        this.title = title;
        this.command = command;
    }

    public String name() {
        return name;
    }

    /** A setting the figures depend on (server version, fsync, sizes, seed). */
    public Report setting(String key, Object value) {
        settings.put(key, String.valueOf(value));
        return this;
    }

    public Report heading(String text) {
        markdown.add("## " + text + "\n");
        return this;
    }

    public Report paragraph(String text) {
        markdown.add(text + "\n");
        return this;
    }

    public Report table(MarkdownTable table) {
        markdown.add(table.render());
        return this;
    }

    public Report goal(Goal goal) {
        goals.add(goal);
        return this;
    }

    public List<Goal> goals() {
        return List.copyOf(goals);
    }

    /** The machine-readable results; benchmarks put their figures here (records serialise as objects). */
    public ObjectNode results() {
        return results;
    }

    /** Writes {@code <name>.md} and {@code <name>.json} into {@code directory} and returns the Markdown file. */
    public Path write(Path directory) {
        try {
            Files.createDirectories(directory);
            Path md = directory.resolve(name + ".md");
            Files.writeString(md, renderMarkdown(), StandardCharsets.UTF_8);
            JSON.writeValue(directory.resolve(name + ".json").toFile(), renderJson());
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the " + name + " report into " + directory, e);
        }
    }

    String renderMarkdown() {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        out.append("Command: `").append(command).append("`  \n");
        out.append("Started: ").append(started).append(", took ").append(Figures.millis(elapsedMillis())).append("\n\n");
        MarkdownTable machineTable = new MarkdownTable("Machine", "");
        machineTable.row("cores", machine.cores())
                .row("load average (1 min) at start / end", Figures.decimal(machine.loadAverage(), 2) + " / "
                        + Figures.decimal(Machine.currentLoad(), 2))
                .row("CPU", machine.cpu())
                .row("memory", machine.memoryMb() + " MB")
                .row("OS", machine.os())
                .row("JVM", machine.jvm() + ", max heap " + machine.maxHeapMb() + " MB");
        settings.forEach(machineTable::row);
        out.append(machineTable.render()).append('\n');
        if (!goals.isEmpty()) {
            out.append("## Goals\n\n");
            MarkdownTable goalTable = new MarkdownTable("Goal", "Measured", "Met");
            goals.forEach(goal -> goalTable.row(goal.goal(), goal.actual(), goal.met() ? "yes" : "**no**"));
            out.append(goalTable.render()).append('\n');
        }
        markdown.forEach(block -> out.append(block).append('\n'));
        return out.toString();
    }

    ObjectNode renderJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("benchmark", name);
        root.put("title", title);
        root.put("command", command);
        root.put("startedAt", started.toString());
        root.put("elapsedMs", elapsedMillis());
        ObjectNode machineNode = JSON.valueToTree(machine);
        machineNode.put("loadAverageAtEnd", Machine.currentLoad());
        root.set("machine", machineNode);
        root.set("settings", JSON.valueToTree(settings));
        root.set("goals", JSON.valueToTree(goals));
        root.set("results", results);
        return root;
    }

    private double elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    /** Puts a record or map into the results under {@code key}. */
    public Report result(String key, Object value) {
        results.set(key, JSON.valueToTree(value));
        return this;
    }
}
