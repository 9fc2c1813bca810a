package io.dbbranch.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: a command, then {@code --name value} options (or {@code --name=value}). */
final class Args {
    private final String command;
    private final Map<String, String> options;
    private final List<String> raw;

    private Args(String command, Map<String, String> options, List<String> raw) {
        this.command = command;
        this.options = options;
        this.raw = raw;
    }

    static Args parse(String[] args) {
        if (args.length == 0) {
            return new Args("help", Map.of(), List.of());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; options look like --sizes 60,600");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            options.put(name, value);
        }
        return new Args(args[0], options, List.of(args));
    }

    String command() {
        return command;
    }

    /** The command line that reproduces this run. */
    String commandLine() {
        return "java -jar bench/target/dbbranch-bench.jar " + String.join(" ", raw);
    }

    /** Fails on options the command does not know, so a typo never silently runs the defaults. */
    void allow(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " for '" + command + "'; known: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }

    /** The options not in {@code known}, e.g. a soak child's target options. */
    Map<String, String> others(Set<String> known) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.keySet().removeAll(known);
        return rest;
    }

    String text(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    long number(String name, long fallback) {
        return options.containsKey(name) ? Long.parseLong(options.get(name)) : fallback;
    }

    double decimal(String name, double fallback) {
        return options.containsKey(name) ? Double.parseDouble(options.get(name)) : fallback;
    }

    boolean flag(String name, boolean fallback) {
        String value = options.get(name);
        return value == null ? fallback : Set.of("true", "on", "yes", "1").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    List<Integer> integers(String name, List<Integer> fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        List<Integer> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }

    Path path(String name, Path fallback) {
        String value = options.get(name);
        return value == null ? fallback : Path.of(value);
    }
}
