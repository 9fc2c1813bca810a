package io.dbbranch.bench.proxy;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Which share of API calls meet a fault, and which fault: an even mix of {@code 429} (with {@code Retry-After: 1}),
 * {@code 503}, a slow answer (held back 200–1500 ms) and a connection reset after the call was carried out.
 *
 * @param rate the share of calls that meet a fault, 0 to 1
 * @param seed the seed of the draw
 */
public record FaultMix(double rate, long seed) {

    /** What a call meets. */
    public enum Kind {
        NONE, RATE_LIMITED, UNAVAILABLE, SLOW, RESET_AFTER_ACTING
    }

    /** One draw: the kind and, for {@link Kind#SLOW}, the hold-back. */
    public record Draw(Kind kind, Duration delay) {
    }

    public FaultMix {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a fault rate is between 0 and 1: " + rate);
        }
    }

    public static FaultMix none() {
        return new FaultMix(0, 0);
    }

    /** A thread-safe source of draws. */
    public Dice dice() {
        return new Dice(this);
    }

    /** Draws faults; one per call. */
    public static final class Dice {
        private final FaultMix mix;
        private final SplittableRandom random;

        private Dice(FaultMix mix) {
            this.mix = mix;
            this.random = new SplittableRandom(mix.seed());
        }

        public synchronized Draw next() {
            if (random.nextDouble() >= mix.rate()) {
                return new Draw(Kind.NONE, Duration.ZERO);
            }
            return switch (random.nextInt(4)) {
                case 0 -> new Draw(Kind.RATE_LIMITED, Duration.ZERO);
                case 1 -> new Draw(Kind.UNAVAILABLE, Duration.ZERO);
                case 2 -> new Draw(Kind.SLOW, Duration.ofMillis(200 + random.nextInt(1301)));
                default -> new Draw(Kind.RESET_AFTER_ACTING, Duration.ZERO);
            };
        }
    }
}
