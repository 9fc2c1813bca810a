package io.dbbranch.engine.data.masking;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.ColumnRef;
import io.dbbranch.engine.data.TableRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a masking file (a small subset of YAML, so it reads naturally in a repository):
 *
 * <pre>
 * # one line per column: [schema.]table.column: strategy
 * customers.email: email
 * customers.phone: partial 4
 * billing.invoices.iban: hash
 * allowUnmasked: products.name, vendors.contact_name   # or a list of "- item" lines below the key
 * empty:
 *   - audit_log
 * keepData: countries, currencies
 * </pre>
 *
 * Column lines may also sit indented under a {@code columns:} key. {@code #} starts a comment (outside quotes). Every
 * error names the line.
 */
public final class MaskingFile {
    private static final String COLUMNS = "columns";

    private final String source;
    private final Map<ColumnRef, MaskingStrategy> columns = new LinkedHashMap<>();
    private final Map<ColumnRef, Integer> columnLines = new HashMap<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private String openList;

    private MaskingFile(String source) {
        this.source = source;
        for (String key : List.of("allowUnmasked", "empty", "keepData")) {
            lists.put(key, new ArrayList<>());
        }
    }

    /** Reads the file at {@code path}. */
    public static MaskingRules read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.NOT_FOUND, "Read the masking rules in " + path, "it cannot be read: " + e,
                    "Check the path (relative paths start in the working folder) and the file's permissions", e);
        }
    }

    /** Reads masking rules from {@code text}; {@code source} names it in error messages. */
    public static MaskingRules parse(String text, String source) {
        MaskingFile file = new MaskingFile(source);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            file.line(i + 1, lines[i]);
        }
        return new MaskingRules(file.columns, file.items("allowUnmasked", ColumnRef::parse),
                file.items("empty", TableRef::parse), file.items("keepData", TableRef::parse));
    }

    private void line(int number, String raw) {
        String line = withoutComment(raw, number).strip();
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("-")) {
            if (openList == null) {
                throw error(number, "a list item ('- …') that belongs to no key", "Put it under allowUnmasked:, empty: or keepData:");
            }
            lists.get(openList).add(number + ":" + unquote(line.substring(1).strip()));
            return;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw error(number, "'" + line + "' has no ':'", "Write table.column: strategy, e.g. customers.email: email");
        }
        String key = line.substring(0, colon).strip();
        String value = line.substring(colon + 1).strip();
        openList = null;
        if (key.contains(".")) {
            column(number, key, value);
        } else if (key.equals(COLUMNS)) {
            requireEmpty(number, key, value);
        } else if (lists.containsKey(key)) {
            list(number, key, value);
        } else {
            throw error(number, "unknown key '" + key + "'",
                    "Use table.column: strategy, or one of columns:, allowUnmasked:, empty:, keepData: (spelled so)");
        }
    }

    private void column(int number, String key, String value) {
        ColumnRef column = atLine(number, () -> ColumnRef.parse(key));
        if (value.isEmpty()) {
            throw error(number, "no strategy for " + key, "Write one of " + MaskingStrategy.Kind.words() + " after the ':'");
        }
        Integer earlier = columnLines.putIfAbsent(column, number);
        if (earlier != null) {
            throw error(number, key + " has a rule on line " + earlier + " already", "Keep one rule per column");
        }
        columns.put(column, strategy(number, value));
    }

    private MaskingStrategy strategy(int number, String value) {
        String[] words = value.split("\\s+", 2);
        MaskingStrategy.Kind kind = MaskingStrategy.Kind.byWord(words[0]);
        if (kind == null) {
            throw error(number, "unknown strategy '" + words[0] + "'", "Use one of " + MaskingStrategy.Kind.words());
        }
        String argument = words.length > 1 ? words[1].strip() : null;
        return switch (kind.argument()) {
            case NONE -> {
                if (argument != null) {
                    throw error(number, kind.word() + " takes no argument, '" + argument + "' was given", "Write just " + kind.word());
                }
                yield new MaskingStrategy(kind, null);
            }
            case COUNT -> {
                if (argument == null || !argument.matches("[1-9][0-9]{0,5}")) {
                    throw error(number, kind.word() + " needs a whole number from 1 up" + (argument == null ? "" : ", not '" + argument + "'"),
                            "Write e.g. " + kind.word() + (kind == MaskingStrategy.Kind.PARTIAL ? " 4" : " 30"));
                }
                yield new MaskingStrategy(kind, argument);
            }
            case TEXT -> {
                if (argument == null) {
                    throw error(number, "constant needs the value to write", "Write e.g. constant n/a, or constant '' for an empty string");
                }
                yield new MaskingStrategy(kind, unquote(argument));
            }
        };
    }

    private void list(int number, String key, String value) {
        if (value.isEmpty()) {
            openList = key;
            return;
        }
        String inline = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        for (String item : inline.split(",")) {
            if (!item.isBlank()) {
                lists.get(key).add(number + ":" + unquote(item.strip()));
            }
        }
    }

    private <T> List<T> items(String key, Function<String, T> parser) {
        List<T> parsed = new ArrayList<>();
        for (String entry : lists.get(key)) {
            int separator = entry.indexOf(':');
            int number = Integer.parseInt(entry.substring(0, separator));
            String item = entry.substring(separator + 1);
            parsed.add(atLine(number, () -> parser.apply(item)));
        }
        return parsed;
    }

    private void requireEmpty(int number, String key, String value) {
        if (!value.isEmpty()) {
            throw error(number, key + ": takes indented lines below it, not a value", "Write each table.column: strategy on its own line");
        }
    }

    private <T> T atLine(int number, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DbBranchException e) {
            throw error(number, e.getMessage(), "");
        }
    }

    /** The line without a {@code #} comment; a {@code #} inside single or double quotes is text. */
    private String withoutComment(String line, int number) {
        Character quote = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != null) {
                quote = c == quote ? null : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        if (quote != null) {
            throw error(number, "a quote " + quote + " is not closed", "Close the quote, or leave quotes out");
        }
        return line;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"') && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private DbBranchException error(int number, String happened, String remedy) {
        return DbBranchException.of(ErrorCode.INVALID_REQUEST, "Read the masking rules in " + source,
                "line " + number + ": " + happened, remedy);
    }
}
