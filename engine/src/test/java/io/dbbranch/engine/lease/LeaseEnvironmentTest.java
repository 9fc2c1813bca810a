package io.dbbranch.engine.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseEnvironmentTest {
    private final BranchInfo branch = new BranchInfo("br-1", "ci-shop-7-abcde", "main", BranchState.READY, null, null, null, null);
    private final ConnectionDetails connection = new ConnectionDetails("ep-1.example.com", 5432, "app", "require",
            Map.of("PGHOST_POOLED", "ep-1-pooler.example.com"));
    private final Credential credential = new Credential("ci@example.com", Secret.of("tok:en/+="), Instant.parse("2026-01-01T10:00:00Z"), false);

    @Test
    void everyClientFindsItsVariableAndSecretsAreDeclared() {
        LeaseEnvironment environment = LeaseEnvironment.of("", branch, connection, credential, Path.of("/tmp/x.pgpass"));

        assertThat(environment.variables()).containsEntry("PGHOST", "ep-1.example.com").containsEntry("PGPORT", "5432")
                .containsEntry("PGUSER", "ci@example.com").containsEntry("PGPASSWORD", "tok:en/+=")
                .containsEntry("PGSSLMODE", "require").containsEntry("PGPASSFILE", "/tmp/x.pgpass")
                .containsEntry("DATABASE_URL", "postgresql://ci%40example.com:tok%3Aen%2F%2B%3D@ep-1.example.com:5432/app?sslmode=require")
                .containsEntry("JDBC_DATABASE_URL",
                        "jdbc:postgresql://ep-1.example.com:5432/app?sslmode=require&user=ci%40example.com&password=tok%3Aen%2F%2B%3D")
                .containsEntry("DB_BRANCH_NAME", "ci-shop-7-abcde").containsEntry("DB_BRANCH_ID", "br-1")
                .containsEntry("DB_BRANCH_PARENT", "main").containsEntry("DB_TOKEN_EXPIRES_AT", "2026-01-01T10:00:00Z")
                .containsEntry("PGHOST_POOLED", "ep-1-pooler.example.com");
        assertThat(environment.secretNames()).containsExactlyInAnyOrder("PGPASSWORD", "DATABASE_URL", "JDBC_DATABASE_URL");
    }

    @Test
    void masksCoverTheTokenAndTheUrlsInTheirEncodedForms() {
        LeaseEnvironment environment = LeaseEnvironment.of("", branch, connection, credential, Path.of("/tmp/x.pgpass"));

        assertThat(environment.masks()).contains("tok:en/+=", "tok%3Aen%2F%2B%3D",
                Base64.getEncoder().encodeToString("tok:en/+=".getBytes()), environment.variables().get("DATABASE_URL"));
        assertThat(environment.toString()).doesNotContain("tok:en").doesNotContain("tok%3Aen");
    }

    @Test
    void aPrefixLetsOneBuildHoldSeveralBranches() {
        LeaseEnvironment environment = LeaseEnvironment.of("ORDERS_", branch, connection, credential, Path.of("/tmp/x.pgpass"));

        assertThat(environment.variables()).containsKeys("ORDERS_PGHOST", "ORDERS_DATABASE_URL", "ORDERS_DB_BRANCH_NAME")
                .doesNotContainKey("PGHOST");
        assertThat(environment.secretNames()).contains("ORDERS_PGPASSWORD");
    }
}
