package io.dbbranch.engine.data.masking;

import java.util.Arrays;
import java.util.Objects;

/**
 * How one column is masked: a kind and, for some kinds, an argument ({@code partial 4}, {@code dateShift 30},
 * {@code constant n/a}).
 *
 * @param kind     what is done to the value
 * @param argument the argument as written, or {@code null}: the days of {@code dateShift}, the characters kept by
 *                 {@code partial}, the value of {@code constant}
 */
public record MaskingStrategy(Kind kind, String argument) {

    /** The strategies, as written in masking files. */
    public enum Kind {
        /** A salted MD5 digest of the value: same value, same mask, within a run; unique stays unique. */
        HASH("hash", Argument.NONE),
        /** {@code user_<digest>@example.invalid}: deterministic and unique like {@code hash}, and still an e-mail address. */
        EMAIL("email", Argument.NONE),
        /** A first and last name picked from short lists by the digest: deterministic, not unique. */
        NAME("name", Argument.NONE),
        /** {@code +1 555 <7 digits from the digest>}: deterministic, not unique. */
        PHONE("phone", Argument.NONE),
        /** {@code NULL}. */
        NULL("null", Argument.NONE),
        /** The same value on every row. */
        CONSTANT("constant", Argument.TEXT),
        /** The column's own values, dealt out to the rows in a random order: the distribution stays, the link to the row goes. */
        SHUFFLE("shuffle", Argument.NONE),
        /** Moves each date by 1 to N days, forwards or backwards, by the digest of the value. */
        DATE_SHIFT("dateShift", Argument.COUNT),
        /** Keeps the last N characters and writes {@code *} over the others (all of them when the value is that short). */
        PARTIAL("partial", Argument.COUNT);

        private final String word;
        private final Argument argument;

        Kind(String word, Argument argument) {
            this.word = word;
            this.argument = argument;
        }

        /** The word in masking files. */
        public String word() {
            return word;
        }

        Argument argument() {
            return argument;
        }

        /** Whether distinct values stay distinct, so the strategy may mask a column of a unique key. */
        public boolean keepsUniqueness() {
            return this == HASH || this == EMAIL || this == NULL;
        }

        static Kind byWord(String word) {
            return Arrays.stream(values()).filter(kind -> kind.word.equalsIgnoreCase(word)).findFirst().orElse(null);
        }

        static String words() {
            return String.join(", ", Arrays.stream(values()).map(kind -> kind.word).toList());
        }
    }

    enum Argument { NONE, COUNT, TEXT }

    public MaskingStrategy {
        Objects.requireNonNull(kind, "kind");
    }

    /** The argument of {@code partial} and {@code dateShift} as a number. */
    public int count() {
        return Integer.parseInt(argument);
    }

    /** As written in masking files, e.g. {@code partial 4}. */
    @Override
    public String toString() {
        return argument == null ? kind.word : kind.word + " " + argument;
    }
}
