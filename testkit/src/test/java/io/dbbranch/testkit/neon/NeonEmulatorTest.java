package io.dbbranch.testkit.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator on its own, spoken to as a client of the Neon API would, without the provider. */
class NeonEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final NeonTestbed testbed = new NeonTestbed();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void pollOnce() {
        testbed.emulator.tuning().operationPolls(1);
    }

    @Test
    void callsWithoutTheApiKeyOrForAnotherProjectAreRefused() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/branches")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).has("message")).isTrue();

        HttpResponse<String> otherProject = send("GET", URI.create(testbed.emulator.apiUrl() + "/projects/other/branches"), null);
        assertThat(otherProject.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(otherProject.body()).path("message").asText()).isEqualTo("project not found");
    }

    @Test
    void createsCheckTheirExpiryAndRefuseBranchingFromThePastOnASharedServerWithoutHistory() throws Exception {
        assertThat(create("too-late", Instant.now().plus(Duration.ofDays(31))).statusCode()).isEqualTo(400);
        assertThat(create("too-early", Instant.now().minusSeconds(1)).statusCode()).isEqualTo(400);
        HttpResponse<String> past = send("POST", uri("/branches"),
                "{\"branch\":{\"name\":\"old\",\"parent_timestamp\":\"2024-01-01T00:00:00Z\"}}");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("has no history", "shares a server");
        assertThat(testbed.branchesBesideMain()).isEmpty();
    }

    @Test
    void aNewBranchHasBrAndEpIdsOperationsAndCannotBeCreatedTwice() throws Exception {
        HttpResponse<String> created = create("shape", Instant.now().plusSeconds(600));
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("branch").path("id").asText();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(id).matches("br-[a-z]+-[a-z]+-[a-z0-9]{8}");
        assertThat(body.path("branch").path("current_state").asText()).isEqualTo("init");
        assertThat(body.path("endpoints").get(0).path("id").asText()).startsWith("ep-");
        assertThat(body.path("endpoints").get(0).path("branch_id").asText()).isEqualTo(id);
        assertThat(body.path("operations")).extracting(op -> op.path("action").asText())
                .containsExactly("create_timeline", "start_compute");
        assertThat(create("shape", Instant.now().plusSeconds(600)).statusCode()).isEqualTo(409);

        for (JsonNode operation : body.path("operations")) {
            JsonNode polled = JSON.readTree(send("GET", uri("/operations/" + operation.path("id").asText()), null).body());
            assertThat(polled.path("operation").path("status").asText()).isEqualTo("finished");
        }
        assertThat(JSON.readTree(send("GET", uri("/branches/" + id), null).body()).path("branch").path("current_state")
                .asText()).isEqualTo("ready");
        assertThat(send("DELETE", uri("/branches/" + id), null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", uri("/branches/" + id), null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", uri("/branches/" + testbed.mainDatabase()), null).statusCode()).isEqualTo(400);
    }

    @Test
    void listingsFollowTheCursorAndFilterBySearch() throws Exception {
        testbed.emulator.tuning().maxPageSize(2);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(JSON.readTree(create("listed-" + i, Instant.now().plusSeconds(600)).body()).path("branch").path("id").asText());
            }
            List<String> names = new ArrayList<>();
            String cursor = "";
            do {
                JsonNode page = JSON.readTree(send("GET", uri("/branches?search=listed&cursor=" + cursor), null).body());
                page.path("branches").forEach(b -> names.add(b.path("name").asText()));
                cursor = page.path("pagination").path("next").asText("");
            } while (!cursor.isEmpty());

            assertThat(names).containsExactly("listed-0", "listed-1", "listed-2");
            for (String id : ids) {
                awaitDeleted(id);
            }
        } finally {
            testbed.emulator.tuning().maxPageSize(10_000);
        }
    }

    @Test
    void aRoleLogsInToItsOwnBranchOnlyAndItsPasswordCanBeRevealedWhenStored() throws Exception {
        JsonNode branch = JSON.readTree(create("roles", Instant.now().plusSeconds(600)).body()).path("branch");
        String id = branch.path("id").asText();
        HttpResponse<String> locked = send("POST", uri("/branches/" + id + "/roles"), "{\"role\":{\"name\":\"alice_roles\"}}");
        assertThat(locked.statusCode()).as("while the create runs").isEqualTo(423);
        testbed.emulator.tuning().lockWhileOperationsRun(false);
        try {
            JsonNode created = JSON.readTree(send("POST", uri("/branches/" + id + "/roles"),
                    "{\"role\":{\"name\":\"alice_roles\"}}").body());
            String password = created.path("role").path("password").asText();
            send("GET", uri("/operations/" + created.path("operations").get(0).path("id").asText()), null);

            login(id, "alice_roles", password).close();
            assertThatThrownBy(() -> login(testbed.mainDatabase(), "alice_roles", password).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThat(JSON.readTree(send("GET", uri("/branches/" + id + "/roles/alice_roles/reveal_password"), null)
                    .body()).path("password").asText()).isEqualTo(password);

            testbed.emulator.tuning().passwordStorage(false);
            assertThat(send("GET", uri("/branches/" + id + "/roles/alice_roles/reveal_password"), null).statusCode())
                    .isEqualTo(412);
        } finally {
            testbed.emulator.tuning().passwordStorage(true).lockWhileOperationsRun(true);
        }
        awaitDeleted(id);
        assertThat(testbed.loginRoleExists("alice_roles")).isFalse();
    }

    @Test
    void theCommandLineExplainsItselfAndRefusesUnknownOptions() throws Exception {
        assertThat(NeonCommand.run(new String[] {"--help"})).isZero();
        assertThat(NeonCommand.run(new String[] {"--no-such-option"})).isEqualTo(2);
    }

    private void awaitDeleted(String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (send("DELETE", uri("/branches/" + id), null).statusCode() == 423 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(send("GET", uri("/branches/" + id), null).statusCode()).isEqualTo(404);
    }

    private static java.sql.Connection login(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + testbed.emulator.postgresPort() + "/"
                + database + "?sslmode=disable", properties);
    }

    private HttpResponse<String> create(String name, Instant expiresAt) throws Exception {
        return send("POST", uri("/branches"), "{\"branch\":{\"name\":\"" + name + "\",\"expires_at\":\"" + expiresAt
                + "\"},\"endpoints\":[{\"type\":\"read_write\"}]}");
    }

    private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + testbed.emulator.apiKey())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(testbed.emulator.apiUrl() + "/projects/" + testbed.emulator.project() + path);
    }
}
