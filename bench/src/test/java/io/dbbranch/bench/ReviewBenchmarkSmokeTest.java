package io.dbbranch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.local.ServerAccount;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review benchmark works end to end at a tiny size; its figures are not judged here. */
class ReviewBenchmarkSmokeTest {

    @Test
    void tinyReviewRunWritesBothModesPerMigrationAndTheGoal(@TempDir Path work) throws Exception {
        ServerAccount.current().letEnter(work);
        Path out = Path.of("target", "smoke-reports");
        JsonNode report = ReportFiles.runAndRead(out, "review", "review", "--sizes", "9", "--runs", "1", "--fsync", "off",
                "--work", work.toString());

        JsonNode size = report.path("results").path("sizes").get(0);
        assertThat(size.path("plain").path("medianMs").asDouble()).isPositive();
        assertThat(size.path("reviewed").path("medianMs").asDouble()).isPositive();
        assertThat(size.path("ratio").asDouble()).isPositive();
        assertThat(size.path("migrations")).extracting(m -> m.path("script").asText())
                .containsExactly("V6__add_order_note.sql", "V7__index_orders_total.sql", "V8__backfill_order_note.sql",
                        "V9__check_order_item_price.sql", "V10__validate_order_item_price.sql", "V11__widen_order_item_quantity.sql");
        assertThat(size.path("verdict").asText()).isIn("PASS", "WARN", "FAIL");
        assertThat(report.path("goals")).hasSize(1);
        assertThat(work).isEmptyDirectory();
    }
}
