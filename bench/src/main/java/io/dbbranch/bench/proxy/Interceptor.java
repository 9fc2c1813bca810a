package io.dbbranch.bench.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Lets a target answer some calls at the proxy instead of the emulator, to work around what an emulator cannot
 * model. Interceptors see only calls that meet no fault or a fault that lets the call through (slow, reset).
 */
@FunctionalInterface
public interface Interceptor {
    /** One call as it reached the proxy. */
    record Call(String method, String path, byte[] body) {
    }

    /** An answer: status, headers and body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public static Answer json(int status, byte[] body) {
            return new Answer(status, Map.of("Content-Type", List.of("application/json")), body);
        }
    }

    /** Passes the call on to the emulator. */
    @FunctionalInterface
    interface Emulator {
        Answer send() throws IOException, InterruptedException;
    }

    /** Passes every call on. */
    Interceptor NONE = (call, emulator) -> emulator.send();

    /** Answers the call, here or by passing it on with {@code emulator}. */
    Answer handle(Call call, Emulator emulator) throws Exception;
}
