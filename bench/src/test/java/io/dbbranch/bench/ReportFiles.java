package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a benchmark's report pair back and checks the parts every report must have. */
final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFiles() {
    }

    /** Runs the command line through {@link Main#run} and returns the parsed JSON report; fails on a non-zero exit. */
    static JsonNode runAndRead(Path out, String name, String... arguments) throws Exception {
        String[] withOut = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withOut, 0, arguments.length);
        withOut[arguments.length] = "--out";
        withOut[arguments.length + 1] = out.toString();
        assertThat(Main.run(Args.parse(withOut))).as("exit code").isZero();
        return read(out, name);
    }

    /** The JSON report, after checking that both files exist and carry the common parts. */
    static JsonNode read(Path out, String name) throws IOException {
        Path markdown = out.resolve(name + ".md");
        Path json = out.resolve(name + ".json");
        assertThat(markdown).exists();
        assertThat(json).exists();
        String text = Files.readString(markdown);
        assertThat(text).startsWith("# ").contains("Command: `java -jar bench/target/dbbranch-bench.jar " + name)
                .contains("| cores | " + Runtime.getRuntime().availableProcessors() + " |");
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.path("benchmark").asText()).isEqualTo(name);
        assertThat(report.path("machine").path("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(report.path("goals").isArray()).as("goals is an array").isTrue();
        report.path("goals").forEach(goal -> {
            assertThat(goal.path("goal").asText()).isNotBlank();
            assertThat(goal.path("met").isBoolean()).isTrue();
            assertThat(text).contains(goal.path("goal").asText());
        });
        return report;
    }
}
