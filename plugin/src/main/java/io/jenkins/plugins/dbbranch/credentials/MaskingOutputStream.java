package io.jenkins.plugins.dbbranch.credentials;

import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces every occurrence of the current mask strings by {@code ****}, line by line. The strings are asked for at
 * each line, so that tokens minted during the build are hidden from then on; the pattern is rebuilt only when they
 * change.
 */
final class MaskingOutputStream extends LineTransformationOutputStream.Delegating {
    static final String MASK = "****";

    private final Supplier<Set<String>> masks;
    private final Charset charset;
    private Set<String> patternMasks = Set.of();
    private Pattern pattern;

    MaskingOutputStream(OutputStream out, Supplier<Set<String>> masks, Charset charset) {
        super(out);
        this.masks = masks;
        this.charset = charset;
    }

    @Override
    protected void eol(byte[] bytes, int length) throws IOException {
        Pattern current = pattern();
        if (current == null) {
            out.write(bytes, 0, length);
            return;
        }
        String line = new String(bytes, 0, length, charset);
        out.write(current.matcher(line).replaceAll(Matcher.quoteReplacement(MASK)).getBytes(charset));
    }

    private Pattern pattern() {
        Set<String> now = masks.get();
        if (!now.equals(patternMasks)) {
            patternMasks = Set.copyOf(now);
            // Longest first, so that a URL is hidden whole rather than only the token inside it.
            pattern = now.isEmpty() ? null : Pattern.compile(now.stream().filter(mask -> !mask.isEmpty())
                    .sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                    .collect(Collectors.joining("|")));
        }
        return pattern;
    }
}
