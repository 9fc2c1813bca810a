package io.dbbranch.bench.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The head of one HTTP/1.1 message (request or answer) as read off a connection, kept as its bytes, with what it
 * takes to pass the message on unchanged: where its body ends (a length, chunks, or the connection's end) and
 * whether the connection ends after it.
 */
final class HttpMessage {
    private final byte[] head;
    private final String startLine;
    private final long contentLength;
    private final boolean chunked;
    private final boolean closes;

    private HttpMessage(byte[] head, String startLine, long contentLength, boolean chunked, boolean closes) {
        this.head = head;
        this.startLine = startLine;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.closes = closes;
    }

    /** Reads a message's start line and headers; null when the connection ended before its first byte. */
    static HttpMessage readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        String startLine = readLine(in, head);
        if (startLine == null) {
            return null;
        }
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String line = requireLine(in, head); !line.isEmpty(); line = requireLine(in, head)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "connection" -> closes = value.contains("close");
                default -> {
                }
            }
        }
        return new HttpMessage(head.toByteArray(), startLine, length, chunked, closes);
    }

    String startLine() {
        return startLine;
    }

    boolean isHead() {
        return startLine.startsWith("HEAD ");
    }

    /** An answer that another follows ({@code 100 Continue} and the like). */
    boolean interim() {
        return status() / 100 == 1 && status() != 101;
    }

    boolean closes() {
        return closes;
    }

    /**
     * Writes the head and copies the body from {@code in} to {@code out}.
     *
     * @param noBody an answer to {@code HEAD}, which has none whatever its headers say
     * @return true when the body ran to the connection's end (so the connection is done)
     */
    boolean relay(InputStream in, OutputStream out, boolean noBody) throws IOException {
        out.write(head);
        if (noBody || interim() || status() == 204 || status() == 304) {
            return false;
        }
        if (chunked) {
            copyChunks(in, out);
            return false;
        }
        if (contentLength >= 0) {
            copy(in, out, contentLength);
            return false;
        }
        if (startLine.startsWith("HTTP/")) {
            in.transferTo(out);
            return true;
        }
        return false;
    }

    private int status() {
        if (!startLine.startsWith("HTTP/")) {
            return 0;
        }
        String[] parts = startLine.split(" ", 3);
        return parts.length < 2 ? 0 : Integer.parseInt(parts[1]);
    }

    private static void copyChunks(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        while (true) {
            line.reset();
            String size = requireLine(in, line);
            out.write(line.toByteArray());
            int extension = size.indexOf(';');
            long bytes = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (bytes == 0) {
                // Trailers, if any, then the empty line that ends the message.
                for (line.reset(); !requireLine(in, line).isEmpty(); line.reset()) {
                    out.write(line.toByteArray());
                }
                out.write(line.toByteArray());
                return;
            }
            copy(in, out, bytes + 2);
        }
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = bytes; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the message's end");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String requireLine(InputStream in, ByteArrayOutputStream into) throws IOException {
        String line = readLine(in, into);
        if (line == null) {
            throw new EOFException("the connection ended in the middle of a message's head");
        }
        return line;
    }

    /** One line without its CRLF (the bytes, CRLF included, go to {@code into}); null at the connection's end. */
    private static String readLine(InputStream in, ByteArrayOutputStream into) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            into.write(b);
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b); // ISO-8859-1: one byte, one char
        }
        if (line.length() == 0) {
            return null;
        }
        throw new EOFException("the connection ended in the middle of a line");
    }
}
