package io.dbbranch.testkit.emulator;

/** Thrown by a route handler to answer with an API error; the emulator's {@link ErrorStyle} renders the body. */
public final class ApiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
