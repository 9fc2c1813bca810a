package io.dbbranch.engine.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** Where in the parent's history a branch starts: its head (now), a moment, or a WAL position (LSN). */
public sealed interface PointInTime {

    /** The parent as it is now. */
    PointInTime HEAD = new Head();

    static PointInTime at(Instant time) {
        return new AtTime(time);
    }

    static PointInTime atLsn(String lsn) {
        return new AtLsn(lsn);
    }

    /** Whether this is a branch from the past (and so needs point-in-time support). */
    default boolean isHistorical() {
        return !(this instanceof Head);
    }

    /** The parent's head. */
    record Head() implements PointInTime {
        @Override
        public String toString() {
            return "head";
        }
    }

    /** The parent as it was at {@code time}: every transaction committed before it, nothing after. */
    record AtTime(Instant time) implements PointInTime {
        public AtTime {
            Objects.requireNonNull(time, "time");
        }

        @Override
        public String toString() {
            return time.toString();
        }
    }

    /** The parent as it was at a WAL position, written as PostgreSQL does ({@code 0/1A2B3C}). */
    record AtLsn(String lsn) implements PointInTime {
        private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

        public AtLsn {
            Objects.requireNonNull(lsn, "lsn");
            if (!LSN.matcher(lsn).matches()) {
                throw new IllegalArgumentException("'" + lsn + "' is not an LSN; write it as PostgreSQL does, e.g. 0/1A2B3C");
            }
            lsn = lsn.toUpperCase(java.util.Locale.ROOT);
        }

        /** The position as one 64-bit number, for comparing LSNs ({@code 1/0} is after {@code 0/FFFFFFFF}). */
        public long position() {
            int slash = lsn.indexOf('/');
            return Long.parseLong(lsn.substring(0, slash), 16) << 32 | Long.parseLong(lsn.substring(slash + 1), 16);
        }

        @Override
        public String toString() {
            return "LSN " + lsn;
        }
    }
}
