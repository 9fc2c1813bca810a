package io.dbbranch.testkit.emulator;

import java.util.concurrent.CountDownLatch;

/** What the emulators' command lines share: reading an option's value, and serving until the JVM is stopped. */
public final class CommandLines {
    private CommandLines() {
    }

    /** The value after {@code option} at {@code index}; an {@link IllegalArgumentException} (a usage error) if absent. */
    public static String value(String[] arguments, int index, String option) {
        if (index >= arguments.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return arguments[index];
    }

    /**
     * Prints {@code banner}, then blocks until the JVM is asked to stop (Ctrl+C, SIGTERM) and closes {@code emulator}
     * on the way out.
     *
     * @return the process exit code, 0
     */
    public static int serveUntilStopped(AutoCloseable emulator, String name, String banner) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                emulator.close();
            } catch (Exception e) {
                System.err.println(name + ": stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, name + "-stop"));
        System.out.println(banner);
        stopped.await();
        return 0;
    }
}
