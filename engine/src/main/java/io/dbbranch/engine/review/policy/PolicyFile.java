package io.dbbranch.engine.review.policy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.DurationText;
import io.dbbranch.engine.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the review policy a repository keeps (by convention {@value #CONVENTIONAL_PATH}), and the same entries given
 * one by one as flags or step parameters. One entry per line; {@code #} starts a comment; {@code :} or {@code =}
 * separates the key from the value:
 * <pre>
 * # fail the build on rewrites and long exclusive locks, only warn about destructive changes
 * rewrite: fail
 * exclusiveLock: fail 2s
 * writeLock: warn 5s
 * destructive: warn
 * slowMigration: off
 * bigTable.bytes: 50MB
 * bigTable.rows: 500000
 * </pre>
 * A rule's value is a level ({@code fail}, {@code warn}, {@code off}), then, for {@code exclusiveLock},
 * {@code writeLock} and {@code slowMigration}, an optional threshold ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 0}).
 * Sizes are bytes or {@code kB}, {@code MB}, {@code GB}, {@code TB} (powers of 1024, as {@code pg_size_pretty});
 * row counts are digits, {@code _} allowed ({@code 100_000}). Unknown keys are errors that name the line: a typo
 * must not silently keep a default.
 */
public final class PolicyFile {
    /** Where a repository keeps its policy, relative to its root, unless told otherwise. */
    public static final String CONVENTIONAL_PATH = ".dbbranch/review-policy";
    public static final String BIG_TABLE_BYTES = "bigTable.bytes";
    public static final String BIG_TABLE_ROWS = "bigTable.rows";

    private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z][A-Za-z.]*)\\s*[:=]\\s*(.*?)\\s*");
    private static final Pattern SIZE = Pattern.compile("(\\d[\\d_]*)\\s*(b|kb|mb|gb|tb)?");
    private static final Pattern COUNT = Pattern.compile("\\d[\\d_]*");

    private PolicyFile() {
    }

    /** The policy file at {@code path}. */
    public static PolicyOverrides read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Read the review policy " + path, "it cannot be read: " + e,
                    "Give the path of a readable file, or leave the option out for the defaults", e);
        }
    }

    /** The entries of a policy file's text; {@code source} names it in messages. */
    public static PolicyOverrides parse(String text, String source) {
        return parse(text.lines().toList(), source, "line ");
    }

    /**
     * Entries given one by one ({@code rewrite=warn}, {@code exclusiveLock=fail 2s}), e.g. repeated flags;
     * {@code source} names them in messages ({@code --policy}).
     */
    public static PolicyOverrides parseEntries(List<String> entries, String source) {
        return parse(entries, source, "entry ");
    }

    private static PolicyOverrides parse(List<String> lines, String source, String unit) {
        PolicyOverrides overrides = PolicyOverrides.from(source);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            String content = line.replaceFirst("#.*$", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = unit + number + " '" + line.strip() + "'";
            Matcher entry = ENTRY.matcher(content);
            if (!entry.matches()) {
                throw invalid(source, where + " is not 'key: value'", "Write one entry per line, e.g. 'rewrite: fail' or "
                        + "'exclusiveLock: fail 2s'");
            }
            overrides = apply(overrides, entry.group(1), entry.group(2), source, where);
        }
        return overrides;
    }

    private static PolicyOverrides apply(PolicyOverrides overrides, String key, String value, String source, String where) {
        if (key.equalsIgnoreCase(BIG_TABLE_BYTES)) {
            return overrides.bigTableBytes(size(value, source, where));
        }
        if (key.equalsIgnoreCase(BIG_TABLE_ROWS)) {
            String digits = value.replace("_", "");
            if (!COUNT.matcher(value).matches() || digits.length() > 18) {
                throw invalid(source, where + ": '" + value + "' is not a row count", "Write digits, e.g. 100000 or 100_000");
            }
            return overrides.bigTableRows(Long.parseLong(digits));
        }
        Optional<Rule> rule = Rule.byKey(key);
        if (rule.isEmpty()) {
            throw invalid(source, where + ": there is no rule '" + key + "'",
                    "Use one of " + Rule.keys() + ", " + BIG_TABLE_BYTES + " or " + BIG_TABLE_ROWS);
        }
        String[] words = value.split("\\s+");
        Optional<Level> level = Level.byKey(words[0]);
        if (level.isEmpty() || words.length > 2) {
            throw invalid(source, where + ": '" + value + "' is not a level" + (rule.get().takesThreshold() ? " and a threshold" : ""),
                    "Write " + rule.get().key() + ": fail, warn or off" + (rule.get().takesThreshold() ? ", then e.g. 2s" : ""));
        }
        PolicyOverrides result = overrides.level(rule.get(), level.get());
        if (words.length == 2) {
            if (!rule.get().takesThreshold()) {
                throw invalid(source, where + ": " + rule.get().key() + " takes no threshold (it applies to big tables; "
                        + "see " + BIG_TABLE_BYTES + " and " + BIG_TABLE_ROWS + ")", "Write " + rule.get().key() + ": " + words[0]);
            }
            result = result.threshold(rule.get(), threshold(words[1], source, where));
        }
        return result;
    }

    private static Duration threshold(String text, String source, String where) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return DurationText.parse("the threshold", text);
        } catch (DbBranchException e) {
            throw invalid(source, where + ": '" + text + "' is not a duration", "Write e.g. 500ms, 2s or 1m (0 for any time)");
        }
    }

    private static long size(String text, String source, String where) {
        Matcher size = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        String digits = size.matches() ? size.group(1).replace("_", "") : "";
        if (digits.isEmpty() || digits.length() > 15) {
            throw invalid(source, where + ": '" + text + "' is not a size", "Write bytes or e.g. 500kB, 10MB, 1GB");
        }
        int shift = switch (size.group(2) == null ? "b" : size.group(2)) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> 0;
        };
        long amount = Long.parseLong(digits);
        if (Long.numberOfLeadingZeros(amount) <= shift) {
            throw invalid(source, where + ": '" + text + "' is too large", "Write a size below 8 EB");
        }
        return amount << shift;
    }

    private static DbBranchException invalid(String source, String happened, String remedy) {
        return DbBranchException.of(ErrorCode.INVALID_REQUEST, "Read the review policy " + source, happened, remedy);
    }
}
