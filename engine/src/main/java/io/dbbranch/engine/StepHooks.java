package io.dbbranch.engine;

/**
 * Named instants between the steps that make and remove a branch, for the test that kills the process at each of
 * them (testkit's {@code ProcessKillTests}, on every provider): with the system property {@value #HALT_AT} naming a step, the JVM halts there at
 * once, as if it were sent {@code SIGKILL} (no {@code finally}, no shutdown hook; the operating system closes its
 * connections). Without the property, {@link #reached} does nothing. This is the only test seam in the engine.
 */
public final class StepHooks {
    /** The system property naming the step at which to halt. */
    public static final String HALT_AT = "dbbranch.test.haltAt";
    /** The exit status of a halt, that of a process killed by {@code SIGKILL}. */
    public static final int HALT_STATUS = 137;

    private static final String HALT = System.getProperty(HALT_AT);

    private StepHooks() {
    }

    /** Marks that {@code step} is done; halts the JVM when {@value #HALT_AT} names it. */
    public static void reached(String step) {
        if (step.equals(HALT)) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
