package io.dbbranch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/** What one in-process CLI call produced. */
record CliResult(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /**
     * The one error line on stderr ({@code dbbranch: …}); fails if there is none, several, or a stack trace. Progress
     * lines before it are allowed.
     */
    String error() {
        List<String> errors = err.lines().filter(line -> line.startsWith("dbbranch: ")).toList();
        if (errors.size() != 1 || err.lines().anyMatch(line -> line.startsWith("\tat ") || line.contains("Exception"))) {
            throw new AssertionError("expected exactly one error line and no stack trace:\n" + this);
        }
        return errors.get(0);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
