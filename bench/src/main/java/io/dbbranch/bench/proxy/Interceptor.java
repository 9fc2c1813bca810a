package io.dbbranch.bench.proxy;

import java.util.Optional;

/**
 * Lets a target answer some calls at the proxy instead of the emulator, to work around what an emulator cannot
 * model. Interceptors see only calls that meet no fault or a fault that lets the call through (slow, reset).
 */
public interface Interceptor {
    /** One call as it reached the proxy. */
    record Call(String method, String path, byte[] body) {
    }

    /** An answer: status and JSON body. */
    record Answer(int status, byte[] body) {
    }

    /** Passes every call on. */
    Interceptor NONE = call -> Optional.empty();

    /** Answers the call here, or returns empty to pass it on to the emulator. */
    Optional<Answer> before(Call call) throws Exception;

    /** Sees the emulator's answer to a call that was passed on. */
    default void after(Call call, int status, byte[] body) {
    }
}
