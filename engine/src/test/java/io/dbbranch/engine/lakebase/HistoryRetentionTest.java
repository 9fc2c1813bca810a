package io.dbbranch.engine.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.Authenticator;
import io.dbbranch.engine.http.HttpSettings;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history window comes from the project's retention, else from the configured fallback. */
class HistoryRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private StubServer server;
    private RestClient client;
    private HistoryRetention retention;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        client = new RestClient(server.uri(), HttpSettings.defaults());
        LakebaseApi api = new LakebaseApi(client, Authenticator.bearer(Secret.of("t")), "shop");
        retention = new HistoryRetention(api, Duration.ofDays(35), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theWindowRunsBackByTheRetentionTheProjectReports() {
        server.then(Answer.ok("{\"name\": \"projects/shop\", \"spec\": {\"history_retention_duration\": \"86400s\"},"
                + " \"status\": {\"history_retention_duration\": \"172800s\", \"pg_version\": 17}}"));

        assertThat(retention.window().earliest()).as("the status wins over the spec").isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(server.received().get(0).path()).isEqualTo("/api/2.0/postgres/projects/shop");
    }

    @Test
    void aProjectThatDoesNotSayGetsTheConfiguredRetention() {
        server.then(Answer.ok("{\"name\": \"projects/shop\", \"spec\": {\"display_name\": \"shop\"}}"));

        assertThat(retention.window().earliest()).isEqualTo(NOW.minus(Duration.ofDays(35)));
    }

    @Test
    void protobufDurationsAreReadAndAnythingElseIsReported() {
        assertThat(HistoryRetention.parse("604800s")).isEqualTo(Duration.ofDays(7));
        assertThat(HistoryRetention.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));

        DbBranchException failure = catchThrowableOfType(DbBranchException.class, () -> HistoryRetention.parse("7d"));

        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(failure.getMessage()).contains("'7d'", "604800s");
    }
}
