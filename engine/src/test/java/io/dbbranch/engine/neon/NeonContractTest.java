package io.dbbranch.engine.neon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.http.ApiJson;
import io.dbbranch.engine.http.RestClient;
import io.dbbranch.engine.http.StubServer;
import io.dbbranch.engine.http.StubServer.Answer;
import io.dbbranch.engine.neon.contract.OpenApiSpec;
import io.dbbranch.engine.neon.contract.OpenApiSpec.Operation;
import io.dbbranch.engine.neon.contract.SchemaCheck;
import io.dbbranch.engine.neon.contract.SchemaExample;
import io.dbbranch.engine.spi.Labels;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every call our Neon client makes, held to Neon's published OpenAPI description (npm package
 * {@code @neondatabase/api-client}, fetched by the build into {@code engine/target/neon-api}): the method and path
 * exist, the query names are declared, the body fits the operation's request schema; and the answers the description
 * documents (its examples, and documents made from its schemas) are read by our types.
 */
class NeonContractTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static OpenApiSpec spec;

    @BeforeAll
    static void readTheDescription() {
        spec = OpenApiSpec.load("neon.spec", "build the engine with Maven (it runs 'npm pack @neondatabase/api-client' "
                + "into engine/target/neon-api; npm must be installed)");
    }

    /** One call of our client, with the body type its answer is read into. */
    private record Call(String what, Consumer<NeonApi> call, Class<?> answer) {
    }

    private static List<Call> everyCall() {
        Labels labels = new Labels("ci@host", "job", "7", null, AT, AT.plusSeconds(1800));
        return List.of(
                new Call("read the project", NeonApi::project, NeonBodies.ProjectBody.class),
                new Call("create a branch of a moment", api -> api.createBranch(new NeonBodies.CreateBranch(
                        new NeonBodies.BranchSpec("ci-7", "br-main-1", AT.minusSeconds(60), null, AT.plusSeconds(1800), null),
                        List.of(NeonBodies.EndpointSpec.READ_WRITE), NeonBranches.annotation(labels, "main", null)), "create"),
                        NeonBodies.CreatedBranch.class),
                new Call("create a schema-only branch at an LSN", api -> api.createBranch(new NeonBodies.CreateBranch(
                        new NeonBodies.BranchSpec("ci-8", "br-main-1", null, "0/1DE2850", null, NeonBodies.BranchSpec.SCHEMA_ONLY),
                        List.of(NeonBodies.EndpointSpec.READ_WRITE), NeonBranches.annotation(labels, "main", "0/1DE2850")),
                        "create"), NeonBodies.CreatedBranch.class),
                new Call("read a branch", api -> api.getBranch("br-a-1"), NeonBodies.BranchWithAnnotation.class),
                new Call("list branches", api -> api.listBranches("ci-", "cursor-1"), NeonBodies.BranchPage.class),
                new Call("delete a branch", api -> api.deleteBranch("br-a-1", "delete"), NeonBodies.BranchOperations.class),
                new Call("move the expiry", api -> api.updateExpiry("br-a-1", AT.plusSeconds(3600), "expiry"),
                        NeonBodies.BranchOperations.class),
                new Call("restore to a moment", api -> api.restore("br-a-1", new NeonBodies.Restore("br-a-1", AT, null,
                        "ci-7-old"), "restore"), NeonBodies.BranchOperations.class),
                new Call("restore to another branch's LSN", api -> api.restore("br-a-1", new NeonBodies.Restore("br-b-1",
                        null, "0/1DE2850", null), "restore"), NeonBodies.BranchOperations.class),
                new Call("list endpoints", api -> api.endpoints("br-a-1"), NeonBodies.EndpointList.class),
                new Call("read an operation", api -> api.operation("op-1"), NeonBodies.OperationBody.class),
                new Call("read a role", api -> api.getRole("br-a-1", "dbbranch_ci_7"), NeonBodies.RoleBody.class),
                new Call("create a role", api -> api.createRole("br-a-1", "dbbranch_ci_7"), NeonBodies.RoleOperations.class),
                new Call("drop a role", api -> api.deleteRole("br-a-1", "dbbranch_ci_7"), NeonBodies.RoleOperations.class),
                new Call("reveal a password", api -> api.revealPassword("br-a-1", "dbbranch_ci_7"), NeonBodies.Password.class),
                new Call("reset a password", api -> api.resetPassword("br-a-1", "dbbranch_ci_7"),
                        NeonBodies.RoleOperations.class));
    }

    @Test
    void everyRequestWeSendIsOneTheDescriptionDeclaresAndFitsItsSchema() throws Exception {
        SchemaCheck check = new SchemaCheck(spec);
        List<String> problems = new ArrayList<>();
        for (Call call : everyCall()) {
            StubServer.Received sent = sendOnce(call, Answer.ok("{}"));
            URI uri = URI.create(sent.path());
            Operation operation = spec.operation(sent.method(), uri.getPath()).orElse(null);
            if (operation == null) {
                problems.add(call.what() + ": " + sent.method() + " " + uri.getPath() + " is not in the description");
                continue;
            }
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String name = pair.substring(0, pair.indexOf('='));
                    if (!spec.queryParameters(operation).contains(name)) {
                        problems.add(call.what() + ": query '" + name + "' is not declared by " + operation.name());
                    }
                }
            }
            var schema = spec.requestSchema(operation);
            if (sent.body().isEmpty()) {
                if (spec.resolve(operation.node().path("requestBody")).path("required").asBoolean(false)) {
                    problems.add(call.what() + ": " + operation.name() + " requires a body; we sent none");
                }
                continue;
            }
            if (schema.isEmpty()) {
                problems.add(call.what() + ": " + operation.name() + " takes no JSON body; we sent one");
                continue;
            }
            check.problems(ApiJson.mapper().readTree(sent.body()), schema.get())
                    .forEach(problem -> problems.add(call.what() + " (" + operation.name() + "): " + problem));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAnswersTheDescriptionDocumentsAreReadByOurTypes() throws Exception {
        SchemaExample examples = new SchemaExample(spec);
        List<String> unread = new ArrayList<>();
        for (Call call : everyCall()) {
            StubServer.Received sent = sendOnce(call, Answer.ok("{}"));
            Operation operation = spec.operation(sent.method(), URI.create(sent.path()).getPath()).orElseThrow();
            for (int status : spec.successStatuses(operation)) {
                JsonNode schema = spec.responseSchema(operation, status).orElse(null);
                if (schema == null) {
                    continue;
                }
                List<JsonNode> documents = new ArrayList<>();
                documents.add(examples.of(schema));
                documentedExamples(operation, status).forEach(documents::add);
                for (JsonNode document : documents) {
                    try {
                        Object read = ApiJson.mapper().treeToValue(document, call.answer());
                        assertThat(read).isNotNull();
                        // Our client also reads the answer as it arrives: the whole call must go through.
                        sendOnce(call, Answer.status(status, ApiJson.mapper().writeValueAsString(document)));
                    } catch (Exception | AssertionError e) {
                        unread.add(call.what() + " (" + operation.name() + " " + status + "): " + e.getMessage());
                    }
                }
            }
        }
        assertThat(unread).isEmpty();
    }

    @Test
    void aCreatedBranchAsDocumentedIsReadWithItsIdEndpointAndOperations() throws Exception {
        Operation create = spec.operation("POST", "/projects/p/branches").orElseThrow();
        JsonNode answer = new SchemaExample(spec).of(spec.responseSchema(create, 201).orElseThrow());

        NeonBodies.CreatedBranch created = ApiJson.mapper().treeToValue(answer, NeonBodies.CreatedBranch.class);

        assertThat(created.branch().id()).isEqualTo(answer.at("/branch/id").asText());
        assertThat(created.branch().createdAt()).isNotNull();
        assertThat(created.endpoints()).extracting(NeonEndpoint::host).containsExactly(answer.at("/endpoints/0/host").asText());
        assertThat(created.operations()).extracting(NeonOperation::id).containsExactly(answer.at("/operations/0/id").asText());
    }

    @Test
    void theCheckCatchesAnUnknownNameAMissingRequiredOneAndAWrongType() throws Exception {
        Operation restore = spec.operation("POST", "/projects/p/branches/br-a-1/restore").orElseThrow();
        JsonNode wrong = ApiJson.mapper().readTree("{\"source_lsn\": 7, \"preserve_under\": \"x\"}");

        assertThat(new SchemaCheck(spec).problems(wrong, spec.requestSchema(restore).orElseThrow()))
                .anySatisfy(p -> assertThat(p).contains("'source_branch_id' is missing"))
                .anySatisfy(p -> assertThat(p).contains("$.source_lsn").contains("string"))
                .anySatisfy(p -> assertThat(p).contains("'preserve_under' is not in the schema"));
    }

    private static List<JsonNode> documentedExamples(Operation operation, int status) {
        JsonNode content = spec.resolve(operation.node().path("responses").path(Integer.toString(status)))
                .path("content").path("application/json");
        List<JsonNode> found = new ArrayList<>();
        if (content.has("example")) {
            found.add(content.get("example"));
        }
        content.path("examples").forEach(example -> found.add(spec.resolve(example).path("value")));
        return found;
    }

    private static StubServer.Received sendOnce(Call call, Answer answer) throws Exception {
        try (StubServer neon = new StubServer().always(answer)) {
            NeonConfig config = NeonConfig.of("shiny-wind-028834", Secret.of("napi_test"), "o").withApiUrl(neon.uri());
            try (NeonApi api = new NeonApi(new RestClient(config.apiUrl(), config.http()), config)) {
                call.call().accept(api);
            }
            return neon.received().get(0);
        }
    }
}
