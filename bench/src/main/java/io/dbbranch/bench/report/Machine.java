package io.dbbranch.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the figures were measured on: core count and load matter most on a shared CI machine, so every report
 * states them.
 *
 * @param cores       available processors
 * @param loadAverage the one-minute load average when the benchmark started (-1 when unknown)
 * @param cpu         the CPU model, when the OS says
 * @param memoryMb    the machine's memory in MiB (-1 when unknown)
 * @param os          operating system and version
 * @param jvm         the JVM and its version
 * @param maxHeapMb   the JVM's maximum heap in MiB
 */
public record Machine(int cores, double loadAverage, String cpu, long memoryMb, String os, String jvm, long maxHeapMb) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), currentLoad(), cpuModel(), totalMemoryMb(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The one-minute load average now, or -1. */
    public static double currentLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
    }

    private static long totalMemoryMb() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(value -> Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return lines.stream().filter(line -> line.startsWith(key)).map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
