package io.dbbranch.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** Thrown by a route handler to answer with an API error; the emulator's {@link ErrorStyle} renders the body. */
public final class ApiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient JsonNode details;

    public ApiFailure(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** An error whose body carries {@code details} as well (Databricks' typed error details, e.g. a QuotaFailure). */
    public ApiFailure(int status, String code, String message, JsonNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The body's {@code details}, or {@code null}. */
    public JsonNode details() {
        return details;
    }
}
