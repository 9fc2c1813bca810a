package io.dbbranch.testkit.pgfront;

import io.dbbranch.engine.credentials.Secret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One client connection to a {@link LoginFront}: refuses encryption, reads the startup message, asks for a cleartext
 * password, has it checked, logs in to the real server on the client's behalf and then relays bytes both ways
 * until either side closes. A cancel request is passed on to the real server as it came.
 */
final class FrontSession implements Runnable {
    private static final byte NO_ENCRYPTION = 'N';

    private final Socket client;
    private final Supplier<InetSocketAddress> server;
    private final LoginCheck check;
    private final Duration timeout;
    private final Executor relays;

    FrontSession(Socket client, Supplier<InetSocketAddress> server, LoginCheck check, Duration timeout, Executor relays) {
        this.client = client;
        this.server = server;
        this.check = check;
        this.timeout = timeout;
        this.relays = relays;
    }

    @Override
    public void run() {
        boolean relaying = false;
        try {
            client.setTcpNoDelay(true);
            client.setSoTimeout((int) timeout.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            PgWire.Startup startup = PgWire.readStartup(in);
            while (startup.code() == PgWire.SSL_REQUEST || startup.code() == PgWire.GSSENC_REQUEST) {
                out.write(NO_ENCRYPTION);
                out.flush();
                startup = PgWire.readStartup(in);
            }
            if (startup.code() == PgWire.CANCEL_REQUEST) {
                passOnCancel(startup);
                return;
            }
            BackendLogin.Backend backend = logIn(startup, in, out);
            if (backend != null) {
                client.setSoTimeout(0);
                relaying = true;
                new Relay(client, in, out, backend).run(relays);
            }
        } catch (IOException e) {
            // The client went away or spoke something else; the real server's connection, if any, is closed below.
        } finally {
            if (!relaying) {
                Relay.closeQuietly(client);
            }
        }
    }

    /** The login; the real server's connection when it accepted, else null (the client was told why). */
    private BackendLogin.Backend logIn(PgWire.Startup startup, DataInputStream in, OutputStream out) throws IOException {
        if (startup.code() >>> 16 != 3) {
            PgWire.write(out, PgWire.fatal("08P01", "unsupported frontend protocol " + (startup.code() >>> 16) + "."
                    + (startup.code() & 0xFFFF) + ": server supports 3.0 to 3.0"));
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>(startup.parameters());
        String user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            PgWire.write(out, PgWire.fatal("28000", "no PostgreSQL user name specified in startup packet"));
            return null;
        }
        String database = parameters.getOrDefault("database", "");
        PgWire.write(out, PgWire.authentication(PgWire.AUTH_CLEARTEXT, new byte[0]));
        PgWire.Message answer = PgWire.read(in);
        if (answer.type() != PgWire.PASSWORD_MESSAGE) {
            PgWire.write(out, PgWire.fatal("08P01", "expected password response, got message type " + answer.type()));
            return null;
        }
        LoginCheck.Admission admission = check.admit(user, database.isEmpty() ? user : database,
                Secret.of(PgWire.cString(answer.body(), 0)));
        if (admission instanceof LoginCheck.Refused refused) {
            PgWire.write(out, PgWire.fatal(refused.sqlState(), refused.message()));
            return null;
        }
        LoginCheck.Admitted admitted = (LoginCheck.Admitted) admission;
        parameters.put("user", admitted.user());
        BackendLogin.Backend backend;
        try {
            backend = BackendLogin.open(server.get(), PgWire.startup(startup.code(), parameters), admitted, timeout);
        } catch (IOException e) {
            PgWire.write(out, PgWire.fatal("08006", "could not log in to the database server behind this endpoint: "
                    + e.getMessage()));
            return null;
        }
        try {
            for (PgWire.Message message : backend.forClient()) {
                PgWire.write(out, message);
            }
        } catch (IOException e) {
            Relay.closeQuietly(backend.socket());
            throw e;
        }
        if (!backend.loggedIn()) {
            Relay.closeQuietly(backend.socket());
            return null;
        }
        return backend;
    }

    private void passOnCancel(PgWire.Startup cancel) {
        try (Socket socket = new Socket()) {
            socket.connect(server.get(), (int) timeout.toMillis());
            socket.getOutputStream().write(cancel.bytes());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // As the server does: a cancel request is never answered, and one that cannot be passed on is lost.
        }
    }
}
