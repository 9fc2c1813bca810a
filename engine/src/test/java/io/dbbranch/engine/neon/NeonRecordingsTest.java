package io.dbbranch.engine.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiJson;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import io.dbbranch.engine.neon.contract.OpenApiSpec;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.HistoryWindow;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers the real Neon API gave (recorded by Neon's own Python client's tests, kept in the shared folder beside the
 * checkout: {@code ../shared/neon-recordings}), read with our types, and replayed to the provider where it makes
 * the same calls.
 */
class NeonRecordingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String API = "/api/v2";

    /** One recorded call: method, path below {@code /api/v2}, status and the answer's JSON. */
    private record Recorded(String file, String method, String path, int status, JsonNode body) {
        boolean is(String verb, String pattern) {
            return method.equals(verb) && path.matches(pattern);
        }
    }

    private static List<Recorded> recorded;

    @BeforeAll
    static void readTheRecordings() throws IOException {
        Path folder = OpenApiSpec.requiredFile("neon.recordings", "the recorded Neon answers live in shared/neon-recordings "
                + "beside the checkout (../shared from the project root)");
        recorded = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode interaction : YAML.readTree(file.toFile()).path("interactions")) {
                    String uri = interaction.at("/request/uri").asText();
                    String path = URI.create(uri).getPath();
                    String text = interaction.at("/response/body/string").asText("");
                    recorded.add(new Recorded(file.getFileName().toString(), interaction.at("/request/method").asText(),
                            path.substring(path.indexOf(API) + API.length()), interaction.at("/response/status/code").asInt(),
                            text.isEmpty() ? null : ApiJson.mapper().readTree(text)));
                }
            }
        }
        assertThat(recorded).as("recorded calls in " + folder).hasSizeGreaterThan(30);
    }

    @Test
    void everyRecordedBranchProjectEndpointOperationAndRoleIsReadByOurTypes() throws Exception {
        int read = 0;
        for (Recorded call : recorded) {
            if (call.is("POST", "/projects")) {
                // A new project's answer holds a branch, its endpoint, operations and roles, as a new branch's does.
                NeonBodies.CreatedBranch created = read(call, NeonBodies.CreatedBranch.class);
                assertThat(created.branch().id()).startsWith("br-");
                assertThat(created.branch().createdAt()).isNotNull();
                assertThat(created.endpoints()).allSatisfy(e -> assertThat(e.host()).isNotBlank());
                assertThat(created.operations()).allSatisfy(o -> assertThat(o.status()).isNotBlank());
                for (JsonNode role : call.body().path("roles")) {
                    assertThat(ApiJson.mapper().treeToValue(role, NeonRole.class).name()).isNotBlank();
                }
                assertThat(read(call, NeonBodies.ProjectBody.class).project().id()).isNotBlank();
            } else if (call.is("GET", "/projects/[^/]+/branches")) {
                NeonBodies.BranchPage page = read(call, NeonBodies.BranchPage.class);
                assertThat(page.branches()).allSatisfy(b -> assertThat(b.id()).startsWith("br-"));
            } else if (call.path().matches("/projects/[^/]+") && !call.path().equals("/projects/shared")
                    && !call.method().equals("POST")) {
                assertThat(read(call, NeonBodies.ProjectBody.class).project().id()).isNotBlank();
            } else if (call.is("GET", "/projects/[^/]+/endpoints")) {
                assertThat(read(call, NeonBodies.EndpointList.class).endpoints()).allSatisfy(e -> assertThat(e.branchId())
                        .startsWith("br-"));
            } else if (call.is("GET", "/projects/[^/]+/endpoints/[^/]+")) {
                assertThat(ApiJson.mapper().treeToValue(call.body().path("endpoint"), NeonEndpoint.class).isReadWrite()).isTrue();
            } else if (call.is("GET", "/projects/[^/]+/operations/[^/]+")) {
                assertThat(read(call, NeonBodies.OperationBody.class).operation().status()).isNotBlank();
            } else if (call.is("GET", "/projects/[^/]+/branches/[^/]+/roles/[^/]+")) {
                assertThat(read(call, NeonBodies.RoleBody.class).role().name()).isNotBlank();
            } else {
                continue; // a call we never make (project listings, databases, connection URIs)
            }
            read++;
        }
        assertThat(read).as("recorded answers of calls we make").isGreaterThanOrEqualTo(20);
    }

    @Test
    void aRecordedListingReplayedToTheProviderListsItsBranchesOnceInOneCall() throws Exception {
        Recorded listing = recorded.stream().filter(c -> c.is("GET", "/projects/[^/]+/branches")).findFirst().orElseThrow();
        String project = listing.path().split("/")[2];
        List<String> names = new ArrayList<>();
        listing.body().path("branches").forEach(b -> names.add(b.path("name").asText()));

        try (StubServer neon = new StubServer().always(Answer.ok(listing.body().toString()));
             NeonProvider provider = new NeonProvider(config(neon, project))) {
            assertThat(provider.listBranches("")).extracting(BranchInfo::name).containsExactlyElementsOf(names);
            BranchInfo root = provider.findBranch(names.get(0)).orElseThrow();
            assertThat(root.restorePoint()).as("a root branch was not restored from anywhere").isNull();
            assertThat(root.labels()).as("not made by dbbranch").isNull();
            assertThat(neon.received()).as("one call per listing, though Neon sends a cursor").hasSize(2);
        }
    }

    @Test
    void aRecordedProjectGivesTheHistoryWindow() throws Exception {
        Recorded get = recorded.stream().filter(c -> c.is("GET", "/projects/[^/]+")).findFirst().orElseThrow();
        long seconds = get.body().at("/project/history_retention_seconds").asLong();
        try (StubServer neon = new StubServer().always(Answer.ok(get.body().toString()));
             NeonProvider provider = new NeonProvider(config(neon, get.path().split("/")[2]))) {
            Instant before = Instant.now();
            HistoryWindow window = provider.historyWindow("main");

            assertThat(seconds).isPositive();
            assertThat(Duration.between(window.earliest(), before).getSeconds()).isBetween(seconds - 5, seconds + 5);
        }
    }

    private static NeonConfig config(StubServer neon, String project) {
        return NeonConfig.of(project, Secret.of("napi_test"), "o").withApiUrl(neon.uri());
    }

    private static <T> T read(Recorded call, Class<T> type) throws Exception {
        try {
            return ApiJson.mapper().treeToValue(call.body(), type);
        } catch (Exception e) {
            throw new AssertionError(call.file() + ": " + call.method() + " " + call.path() + " could not be read as "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
