package io.dbbranch.testkit.pgfront;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few messages of PostgreSQL's frontend/backend protocol (version 3) a login front reads and writes: the
 * untyped startup packets (startup, SSL and GSS encryption requests, cancel requests), typed messages, error
 * responses and authentication requests. See the "Message Formats" chapter of the PostgreSQL documentation.
 */
final class PgWire {
    static final int PROTOCOL_3 = 3 << 16;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;

    static final byte AUTHENTICATION = 'R';
    static final byte ERROR_RESPONSE = 'E';
    static final byte PASSWORD_MESSAGE = 'p';
    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_SASL = 10;
    static final int AUTH_SASL_CONTINUE = 11;
    static final int AUTH_SASL_FINAL = 12;

    /** Startup packets and messages are small; a bigger one is a client speaking another protocol. */
    private static final int MAX_LENGTH = 1 << 20;

    private PgWire() {
    }

    /** An untyped packet the client opens with: its code (protocol version or request code) and the rest. */
    record Startup(int code, byte[] body) {
        /** The parameters of a startup message ({@code user}, {@code database}, …), in the order sent. */
        Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            int at = 0;
            while (at < body.length && body[at] != 0) {
                String name = cString(body, at);
                at += utf8Length(name) + 1;
                String value = at < body.length ? cString(body, at) : "";
                at += utf8Length(value) + 1;
                parameters.put(name, value);
            }
            return parameters;
        }

        /** The packet as it was sent, length included. */
        byte[] bytes() {
            return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).putInt(code).put(body).array();
        }
    }

    /** A typed message: its type byte and body (the length word left out). */
    record Message(byte type, byte[] body) {
        int authCode() {
            return ByteBuffer.wrap(body).getInt();
        }

        /** The body after the authentication code (SASL data, mechanism list). */
        byte[] authData() {
            byte[] data = new byte[body.length - 4];
            System.arraycopy(body, 4, data, 0, data.length);
            return data;
        }
    }

    static Startup readStartup(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 8 || length > MAX_LENGTH) {
            throw new IOException("not a PostgreSQL startup packet (length " + length + ")");
        }
        int code = in.readInt();
        byte[] body = new byte[length - 8];
        in.readFully(body);
        return new Startup(code, body);
    }

    static Message read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the connection was closed");
        }
        int length = in.readInt();
        if (length < 4 || length > MAX_LENGTH) {
            throw new IOException("not a PostgreSQL message (type " + (char) type + ", length " + length + ")");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((byte) type, body);
    }

    static void write(OutputStream out, Message message) throws IOException {
        out.write(ByteBuffer.allocate(5 + message.body().length).put(message.type()).putInt(4 + message.body().length)
                .put(message.body()).array());
        out.flush();
    }

    static Message authentication(int code, byte[] data) {
        return new Message(AUTHENTICATION, ByteBuffer.allocate(4 + data.length).putInt(code).put(data).array());
    }

    /** A startup message for protocol 3.0 with {@code parameters}. */
    static Startup startup(int version, Map<String, String> parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parameters.forEach((name, value) -> {
            body.writeBytes(cString(name));
            body.writeBytes(cString(value));
        });
        body.write(0);
        return new Startup(version, body.toByteArray());
    }

    /** A fatal {@code ErrorResponse} as the server sends it. */
    static Message fatal(String sqlState, String text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"S", "FATAL"}, {"V", "FATAL"}, {"C", sqlState}, {"M", text}}) {
            body.write(field[0].charAt(0));
            body.writeBytes(cString(field[1]));
        }
        body.write(0);
        return new Message(ERROR_RESPONSE, body.toByteArray());
    }

    /** The SQLSTATE of an {@code ErrorResponse}, for logs and tests. */
    static String sqlState(Message error) {
        byte[] body = error.body();
        int at = 0;
        while (at < body.length && body[at] != 0) {
            byte field = body[at];
            String value = cString(body, at + 1);
            if (field == 'C') {
                return value;
            }
            at += 1 + utf8Length(value) + 1;
        }
        return "";
    }

    static byte[] cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    static String cString(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
