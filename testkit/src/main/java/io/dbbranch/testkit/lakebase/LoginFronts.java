package io.dbbranch.testkit.lakebase;

import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.pgfront.LoginCheck;
import io.dbbranch.testkit.pgfront.LoginFront;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The login front of each server branches live on (the backing server, and the server of each branch of the past):
 * what the endpoints name. A front starts the first time an endpoint of its server is shown and stops with the server.
 */
final class LoginFronts implements AutoCloseable {
    private final Map<BackingPostgres, LoginFront> fronts = new IdentityHashMap<>();
    private final LoginFront.Options options;
    private final LoginCheck check;

    LoginFronts(LoginFront.Options options, LoginCheck check) {
        this.options = options;
        this.check = check;
    }

    /** The port of {@code server}'s front, started now if it has none. */
    synchronized int port(BackingPostgres server) {
        return fronts.computeIfAbsent(server, s -> LoginFront.start(options,
                () -> new InetSocketAddress("127.0.0.1", s.port()), check)).port();
    }

    /** Stops the front of a server that is gone. */
    synchronized void stop(BackingPostgres server) {
        LoginFront front = fronts.remove(server);
        if (front != null) {
            front.close();
        }
    }

    @Override
    public synchronized void close() {
        fronts.values().forEach(LoginFront::close);
        fronts.clear();
    }
}
