package io.dbbranch.engine.data;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;

/** Splits dotted names as users write them in masking files and options. */
final class Names {
    private Names() {
    }

    static String[] split(String text, String what, String example) {
        String trimmed = text == null ? "" : text.trim();
        String[] parts = trimmed.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank() || !part.equals(part.strip()) || part.indexOf('"') >= 0) {
                throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Name " + what + " '" + text + "'",
                        "a part of the name is empty, has spaces around it or quotes",
                        "Write the names as the catalog stores them, without quotes, e.g. " + example);
            }
        }
        return parts;
    }
}
