package io.dbbranch.engine.local;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import java.nio.file.Path;

/**
 * Refuses paths that {@code pg_ctl} cannot pass on safely. It starts the server through {@code /bin/sh -c}, with the
 * data folder, the log file and the {@code postgres} program in double quotes, where {@code $}, {@code `},
 * {@code \} and {@code "} still act: a home named {@code /tmp/$(touch x)} would run {@code touch x}. Spaces and
 * single quotes are fine. Refusing beats quoting here: pg_ctl's own quoting cannot be changed from outside.
 */
final class ShellSafePath {
    private static final String SHELL_ACTIVE = "$`\\\"";

    private ShellSafePath() {
    }

    /** @throws DbBranchException {@code INVALID_REQUEST} naming the character */
    static void require(Path path, String asked) {
        String text = path.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SHELL_ACTIVE.indexOf(c) >= 0 || Character.isISOControl(c)) {
                String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked, "the path " + text.replaceAll("\\p{Cntrl}", "?")
                                + " holds '" + shown + "', which pg_ctl would hand to /bin/sh unescaped",
                        "Choose a folder whose path has none of $ ` \\ \" or control characters (set "
                                + LocalHome.HOME_ENV + ")");
            }
        }
    }
}
