package io.dbbranch.engine.naming;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Branch names valid on every provider: a lowercase RFC 1123 label that starts with a letter, at most 63
 * characters ({@code [a-z]([a-z0-9-]*[a-z0-9])?}). That is the intersection of Lakebase's {@code branch_id},
 * Neon's branch names and unquoted PostgreSQL database names.
 */
public final class BranchName {
    /** The longest name any provider accepts. */
    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");
    private static final String SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BranchName() {
    }

    /**
     * Checks a user-given name and returns it unchanged.
     *
     * @throws DbBranchException {@code INVALID_REQUEST} naming the rule that was broken and a valid alternative
     */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use a branch name", "none was given",
                    "Give a name such as 'ci-my-job-42', or leave it out to have one derived from the job and build");
        }
        if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Use branch name '" + name + "'",
                    "a branch name must be 1–63 characters of lowercase letters, digits and '-', start with a letter "
                            + "and not end with '-'",
                    "Try '" + suggestion(name) + "'");
        }
        return name;
    }

    /**
     * Derives a fresh name from its parts, e.g. {@code ("ci", "shop/api", "pr-12", "42")} gives
     * {@code ci-shop-api-pr-12-42-k3x9q}. Each part is slugged; the job part is shortened so that the result,
     * with its random suffix, fits in 63 characters. The suffix makes re-runs of the same build never collide.
     */
    public static String derive(String prefix, String job, String change, String build) {
        String head = suggestion(prefix == null ? "ci" : slug(prefix, 20));
        String tail = String.join("-", nonEmpty(slug(change, 20)), nonEmpty(slug(build, 12)), randomSuffix())
                .replaceAll("-+", "-").replaceAll("^-|-$", "");
        int room = MAX_LENGTH - head.length() - tail.length() - 2;
        String jobPart = slug(job, Math.max(0, room));
        String name = jobPart.isEmpty() ? head + "-" + tail : head + "-" + jobPart + "-" + tail;
        return validate(name);
    }

    /** A lowercase slug of {@code text}: runs of anything but letters and digits become one '-'; at most {@code max} long. */
    public static String slug(String text, int max) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max);
        }
        return slug.replaceAll("-+$", "");
    }

    private static String suggestion(String name) {
        String slug = slug(name, MAX_LENGTH - 2);
        return slug.isEmpty() ? "ci" : Character.isLetter(slug.charAt(0)) ? slug : "b-" + slug;
    }

    static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static String nonEmpty(String part) {
        return part == null ? "" : part;
    }
}
