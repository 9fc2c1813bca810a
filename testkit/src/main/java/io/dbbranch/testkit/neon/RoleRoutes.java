package io.dbbranch.testkit.neon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.testkit.emulator.EmulatorServer;
import io.dbbranch.testkit.emulator.Reply;
import io.dbbranch.testkit.emulator.Request;
import io.dbbranch.testkit.emulator.Route;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A branch's roles: create, get, delete, {@code reveal_password} and {@code reset_password} (routes
 * {@code roles.create|get|delete|reveal_password|reset_password}). Each role is a real login role of the backing
 * server whose password is the one handed out; a new or reset password takes effect when its {@code apply_config}
 * operation finishes, and the previous one works until then, as on Neon.
 */
final class RoleRoutes {
    private static final String ROLES = BranchRoutes.BRANCH + "/roles";
    private static final String ROLE = ROLES + "/{role}";
    private static final Pattern RESERVED = Pattern.compile("(?i)(pg_.*|postgres|neon_superuser|cloud_admin|public)");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProjectScope scope;

    RoleRoutes(ProjectScope scope) {
        this.scope = scope;
    }

    void register(EmulatorServer server) {
        server.route(new Route("roles.create", "POST", ROLES, true, this::create))
                .route(new Route("roles.get", "GET", ROLE, true, this::get))
                .route(new Route("roles.delete", "DELETE", ROLE, true, this::delete))
                .route(new Route("roles.reveal_password", "GET", ROLE + "/reveal_password", true, this::reveal))
                .route(new Route("roles.reset_password", "POST", ROLE + "/reset_password", true, this::reset));
    }

    private Reply create(Request request) throws Exception {
        NeonBranchRecord branch = scope.branch(request);
        JsonNode role = request.json().path("role");
        String name = role.path("name").asText("");
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw NeonErrors.invalid("role name must be 1 to 63 bytes long");
        }
        if (RESERVED.matcher(name).matches()) {
            throw NeonErrors.invalid("role name '" + name + "' is reserved");
        }
        scope.requireUnlocked(branch);
        String password = password();
        scope.store.addRole(branch, name, password);
        ObjectNode operation = scope.operations.start(branch.id, branch.endpointId, "apply_config",
                () -> scope.store.applyRole(branch, name), null);
        return Reply.status(201, NeonJson.withOperations("role",
                NeonJson.role(branch, name, password, scope.clock.instant()), operation));
    }

    private Reply get(Request request) {
        NeonBranchRecord branch = scope.branch(request);
        String name = existing(branch, request);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("role", NeonJson.role(branch, name, null, branch.created));
        return Reply.ok(answer);
    }

    private Reply delete(Request request) throws Exception {
        NeonBranchRecord branch = scope.branch(request);
        String name = request.pathParam("role");
        synchronized (scope.store) {
            if (!branch.roles.containsKey(name)) {
                return new Reply(204, null, Map.of());
            }
        }
        scope.requireUnlocked(branch);
        scope.store.dropRole(branch, name);
        ObjectNode operation = scope.operations.start(branch.id, branch.endpointId, "apply_config",
                NeonOperations.Effect.NONE, null);
        return Reply.ok(NeonJson.withOperations("role", NeonJson.role(branch, name, null, scope.clock.instant()),
                operation));
    }

    private Reply reveal(Request request) {
        NeonBranchRecord branch = scope.branch(request);
        String name = existing(branch, request);
        String password;
        synchronized (scope.store) {
            password = branch.roles.get(name);
        }
        if (!scope.tuning.passwordStorage() || password == null) {
            throw NeonErrors.passwordStorageDisabled();
        }
        return Reply.ok(JsonNodeFactory.instance.objectNode().put("password", password));
    }

    private Reply reset(Request request) {
        NeonBranchRecord branch = scope.branch(request);
        String name = existing(branch, request);
        scope.requireUnlocked(branch);
        String password = password();
        scope.store.setPassword(branch, name, password);
        ObjectNode operation = scope.operations.start(branch.id, branch.endpointId, "apply_config",
                () -> scope.store.applyRole(branch, name), null);
        return Reply.ok(NeonJson.withOperations("role", NeonJson.role(branch, name, password, scope.clock.instant()),
                operation));
    }

    private String existing(NeonBranchRecord branch, Request request) {
        String name = request.pathParam("role");
        synchronized (scope.store) {
            if (!branch.roles.containsKey(name)) {
                throw NeonErrors.notFound("role not found");
            }
        }
        return name;
    }

    /** Twelve letters and digits, as Neon makes them. */
    private static String password() {
        StringBuilder password = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
