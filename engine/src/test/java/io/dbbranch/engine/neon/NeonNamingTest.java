package io.dbbranch.engine.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchState;
import io.dbbranch.engine.spi.Labels;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the provider names and reads what it finds on Neon, without a server. */
class NeonNamingTest {
    private final NeonConfig config = NeonConfig.of("shiny-wind-028834", Secret.of("napi_x"), "ci@host");

    @Test
    void thePooledHostIsTheEndpointHostWithPoolerAfterTheEndpointId() {
        NeonEndpoint endpoint = new NeonEndpoint("ep-cool-darkness-123456", "br-a",
                "ep-cool-darkness-123456.us-east-2.aws.neon.tech", "read_write", "active", null);
        assertThat(endpoint.pooledHost()).contains("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech");
    }

    @Test
    void aHostNotNamedAfterItsEndpointHasNoPooledHost() {
        assertThat(new NeonEndpoint("ep-x-1", "br-a", "127.0.0.1", "read_write", "idle", null).pooledHost()).isEmpty();
        assertThat(new NeonEndpoint("ep-x-1", "br-a", "ep-x-10.example.com", "read_write", "idle", null).pooledHost())
                .isEmpty();
    }

    @Test
    void labelsTravelInTheAnnotationBesideOtherToolsKeys() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
        Labels labels = new Labels("ci@host", "shop/api", "42", "pr-7", created, created.plusSeconds(1800));
        Map<String, String> annotation = new HashMap<>(NeonBranches.annotation(labels, "main", null));
        annotation.put("vercel-commit-ref", "feature");
        Instant neonExpiry = created.plusSeconds(3600);
        NeonBranch branch = new NeonBranch("br-a", "p", "br-main", "0/1DE2850", null, "ci-shop-42", "ready", null,
                false, created, neonExpiry);

        BranchInfo info = NeonBranches.info(branch, annotation);

        assertThat(info.labels()).isEqualTo(labels.withExpiresAt(neonExpiry));
        assertThat(info.parent()).isEqualTo("main");
        assertThat(info.state()).isEqualTo(BranchState.READY);
        assertThat(info.restorePoint()).as("a branch of the parent's head was not restored from anywhere").isNull();
        assertThat(NeonBranches.labels(Map.of("vercel-commit-ref", "x"))).isNull();
    }

    @Test
    void rolesAreNamedAfterTheBranchWithinPostgresLimits() {
        assertThat(config.roleFor("ci-shop-42")).isEqualTo("dbbranch_ci_shop_42");
        assertThat(config.roleFor("a".repeat(63))).hasSize(63);
        assertThat(config.withDatabaseName("{branch}").databaseFor("br-a")).isEqualTo("br-a");
        assertThat(config.databaseFor("br-a")).isEqualTo("neondb");
    }

    @Test
    void aMalformedProjectIdOrAnEmptyKeyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> NeonConfig.of("Shiny Wind", Secret.of("k"), "o"))
                .isInstanceOf(DbBranchException.class).hasMessageContaining("Copy it from the project's settings");
        assertThatThrownBy(() -> NeonConfig.of("shiny-wind", Secret.of(""), "o"))
                .isInstanceOf(DbBranchException.class).hasMessageContaining("the API key is empty");
        assertThat(config.toString()).doesNotContain("napi_x");
    }
}
