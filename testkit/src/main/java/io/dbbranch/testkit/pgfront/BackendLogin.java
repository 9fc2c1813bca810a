package io.dbbranch.testkit.pgfront;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A login to the real server on the client's behalf: the client's startup message with the admitted user, then
 * whatever authentication the server asks for ({@code SCRAM-SHA-256}, a cleartext password, or none), answered with
 * the admitted role's real password. The server's messages other than its authentication exchange (its
 * {@code AuthenticationOk}, a protocol negotiation, notices, or its refusal) are kept for the client, in order.
 */
final class BackendLogin {
    private static final byte NEGOTIATE_PROTOCOL_VERSION = 'v';
    private static final byte NOTICE = 'N';

    /** A connection to the real server and what it said so far; {@link #loggedIn()} false when it refused. */
    record Backend(Socket socket, DataInputStream in, OutputStream out, List<PgWire.Message> forClient, boolean loggedIn) {
    }

    private BackendLogin() {
    }

    static Backend open(InetSocketAddress server, PgWire.Startup startup, LoginCheck.Admitted as, Duration timeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            out.write(startup.bytes());
            out.flush();
            List<PgWire.Message> forClient = new ArrayList<>();
            ScramSha256 scram = null;
            while (true) {
                PgWire.Message message = PgWire.read(in);
                if (message.type() == PgWire.ERROR_RESPONSE) {
                    forClient.add(message);
                    return new Backend(socket, in, out, forClient, false);
                }
                if (message.type() == NEGOTIATE_PROTOCOL_VERSION || message.type() == NOTICE) {
                    forClient.add(message);
                    continue;
                }
                if (message.type() != PgWire.AUTHENTICATION) {
                    throw new IOException("the server sent message '" + (char) message.type() + "' before logging in");
                }
                switch (message.authCode()) {
                    case PgWire.AUTH_OK -> {
                        forClient.add(message);
                        socket.setSoTimeout(0);
                        return new Backend(socket, in, out, forClient, true);
                    }
                    case PgWire.AUTH_CLEARTEXT -> PgWire.write(out, new PgWire.Message(PgWire.PASSWORD_MESSAGE,
                            PgWire.cString(as.password().reveal())));
                    case PgWire.AUTH_SASL -> {
                        if (!mechanisms(message.authData()).contains(ScramSha256.MECHANISM)) {
                            throw new IOException("the server offers no SASL mechanism this front speaks");
                        }
                        scram = new ScramSha256(as.password().reveal().toCharArray());
                        byte[] first = scram.clientFirst();
                        byte[] name = PgWire.cString(ScramSha256.MECHANISM);
                        PgWire.write(out, new PgWire.Message(PgWire.PASSWORD_MESSAGE, ByteBuffer
                                .allocate(name.length + 4 + first.length).put(name).putInt(first.length).put(first).array()));
                    }
                    case PgWire.AUTH_SASL_CONTINUE -> PgWire.write(out, new PgWire.Message(PgWire.PASSWORD_MESSAGE,
                            requireScram(scram).clientFinal(message.authData())));
                    case PgWire.AUTH_SASL_FINAL -> requireScram(scram).verifyServerFinal(message.authData());
                    default -> throw new IOException("the server asks for authentication method " + message.authCode()
                            + ", which this front does not speak");
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException("logging in to the server failed: " + e.getMessage(), e);
        }
    }

    private static ScramSha256 requireScram(ScramSha256 scram) throws IOException {
        if (scram == null) {
            throw new IOException("the server continued a SASL exchange that was never started");
        }
        return scram;
    }

    private static List<String> mechanisms(byte[] data) {
        List<String> names = new ArrayList<>();
        int at = 0;
        while (at < data.length && data[at] != 0) {
            String name = PgWire.cString(data, at);
            names.add(name);
            at += name.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return names;
    }
}
