package io.dbbranch.cli.options;

import io.dbbranch.cli.CliContext;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.review.ReviewReport;
import io.dbbranch.engine.review.report.ReviewJunitXml;
import io.dbbranch.engine.review.report.ReviewMarkdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Where a review's report is written besides the command's own output: Markdown for a comment, JUnit XML for CI. */
public final class ReviewReportFiles {
    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the review report as Markdown (a pull-request comment) to FILE.")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the review as JUnit XML (one test case per migration and rule) to FILE.")
    Path junit;

    /**
     * Writes the files asked for; folders are made as needed.
     *
     * @param note told each file written
     */
    public void write(ReviewReport report, CliContext context, Consumer<String> note) {
        if (markdown != null) {
            write(context.resolve(markdown), ReviewMarkdown.render(report), note);
        }
        if (junit != null) {
            write(context.resolve(junit), ReviewJunitXml.render(report), note);
        }
    }

    private static void write(Path file, String text, Consumer<String> note) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            note.accept("wrote " + file);
        } catch (IOException e) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Write the review report to " + file, "it cannot be written: " + e,
                    "Give a path in a folder you can write to", e);
        }
    }
}
