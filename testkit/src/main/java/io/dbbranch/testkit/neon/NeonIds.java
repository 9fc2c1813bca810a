package io.dbbranch.testkit.neon;

import java.security.SecureRandom;

/** Identifiers shaped like Neon's: {@code br-wispy-meadow-a5k2l3m4}, {@code ep-cool-darkness-9x1y2z3w}. */
final class NeonIds {
    private static final String[] ADJECTIVES = {"aged", "bold", "calm", "cool", "damp", "dry", "late", "lucky", "misty",
        "noisy", "odd", "plain", "quiet", "rapid", "shy", "small", "steep", "still", "sweet", "wispy"};
    private static final String[] NOUNS = {"bird", "brook", "bush", "cloud", "dawn", "dream", "field", "forest", "frost",
        "hill", "lake", "leaf", "meadow", "moon", "pine", "rain", "river", "salad", "smoke", "wave"};
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private NeonIds() {
    }

    static String branch() {
        return make("br");
    }

    static String endpoint() {
        return make("ep");
    }

    private static String make(String kind) {
        StringBuilder id = new StringBuilder(kind).append('-')
                .append(ADJECTIVES[RANDOM.nextInt(ADJECTIVES.length)]).append('-')
                .append(NOUNS[RANDOM.nextInt(NOUNS.length)]).append('-');
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
