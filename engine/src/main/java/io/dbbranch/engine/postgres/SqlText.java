package io.dbbranch.engine.postgres;

/**
 * Quoting for the few statements PostgreSQL cannot take bind parameters in (CREATE DATABASE, COMMENT ON,
 * ALTER ROLE … PASSWORD). Assumes {@code standard_conforming_strings = on}, the default since 9.1.
 */
public final class SqlText {
    private SqlText() {
    }

    /** {@code "name"} with embedded double quotes doubled. */
    public static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains NUL");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'} with embedded single quotes doubled. */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains NUL");
        }
        return '\'' + text.replace("'", "''") + '\'';
    }
}
