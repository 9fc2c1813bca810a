package io.dbbranch.testkit.lakebase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Database credentials expire at login, as on Lakebase: PostgreSQL itself refuses them (role VALID UNTIL). */
class LakebaseCredentialExpiryTest {

    @AfterEach
    void resetEmulator() {
        TestLakebase.reset();
    }

    @Test
    void expiredCredentialIsRefusedAtLoginWhileOpenSessionsSurvive() throws Exception {
        TestLakebase.emulator().tuning().minCredentialTtl(Duration.ofSeconds(1));
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo branch = provider.createBranch(TestLakebase.request(TestLakebase.name("expiry")));
            try {
                ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), m -> { });
                Credential credential = provider.mintCredential(branch, connection, Duration.ofSeconds(2));

                try (Connection open = LakebaseLeaseFlowTest.connect(connection, credential)) {
                    Thread.sleep(Math.max(0, Duration.between(Instant.now(), credential.expiresAt()).toMillis()) + 1200);

                    assertThat(Instant.now()).isAfter(credential.expiresAt());
                    SQLException refused = catchThrowableOfType(SQLException.class,
                            () -> LakebaseLeaseFlowTest.connect(connection, credential).close());
                    assertThat(refused.getSQLState()).isEqualTo("28P01");
                    try (Statement sql = open.createStatement(); ResultSet one = sql.executeQuery("SELECT 1")) {
                        assertThat(one.next()).as("a session opened before expiry goes on").isTrue();
                    }
                }
                Credential renewed = provider.mintCredential(branch, connection, Duration.ofSeconds(60));
                LakebaseLeaseFlowTest.connect(connection, renewed).close();
            } finally {
                provider.deleteBranch(branch);
            }
        }
    }

    @Test
    void aLifetimeOutsideThreeHundredToThirtySixHundredSecondsIsRefusedWith400() {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo branch = provider.createBranch(TestLakebase.request(TestLakebase.name("ttl")));
            try {
                ConnectionDetails connection = provider.awaitReady(branch, Duration.ofSeconds(30), m -> { });

                DbBranchException tooShort = catchThrowableOfType(DbBranchException.class,
                        () -> provider.mintCredential(branch, connection, Duration.ofSeconds(60)));
                DbBranchException tooLong = catchThrowableOfType(DbBranchException.class,
                        () -> provider.mintCredential(branch, connection, Duration.ofHours(2)));

                assertThat(tooShort.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(tooShort.getMessage()).contains("Mint a database credential", "HTTP 400",
                        "INVALID_PARAMETER_VALUE", "between 300s and 3600s");
                assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            } finally {
                provider.deleteBranch(branch);
            }
        }
    }

    @Test
    void aCredentialForAnotherBranchDoesNotOpenThisOne() throws Exception {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo mine = provider.createBranch(TestLakebase.request(TestLakebase.name("mine")));
            BranchInfo other = provider.createBranch(TestLakebase.request(TestLakebase.name("other")));
            try {
                ConnectionDetails mineConnection = provider.awaitReady(mine, Duration.ofSeconds(30), m -> { });
                ConnectionDetails otherConnection = provider.awaitReady(other, Duration.ofSeconds(30), m -> { });
                Credential forMine = provider.mintCredential(mine, mineConnection, Duration.ofMinutes(5));

                assertThatThrownBy(() -> LakebaseLeaseFlowTest.connect(otherConnection, forMine).close())
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            } finally {
                provider.deleteBranch(mine);
                provider.deleteBranch(other);
            }
        }
    }

    @Test
    void aParentsCredentialKeepsWorkingWhenALaterOneIsMintedForABranch() throws Exception {
        try (LakebaseProvider provider = new LakebaseProvider(TestLakebase.config().build())) {
            BranchInfo parent = provider.createBranch(TestLakebase.request(TestLakebase.name("parent")));
            BranchInfo branch = provider.createBranch(TestLakebase.request(TestLakebase.name("branch"), parent.name()));
            try {
                ConnectionDetails parentConnection = provider.awaitReady(parent, Duration.ofSeconds(30), m -> { });
                ConnectionDetails branchConnection = provider.awaitReady(branch, Duration.ofSeconds(30), m -> { });
                Credential forParent = provider.mintCredential(parent, parentConnection, Duration.ofMinutes(10));
                Credential forBranch = provider.mintCredential(branch, branchConnection, Duration.ofMinutes(20));

                LakebaseLeaseFlowTest.connect(parentConnection, forParent).close();
                LakebaseLeaseFlowTest.connect(branchConnection, forBranch).close();
                assertThat(forBranch.expiresAt()).isAfter(forParent.expiresAt());
            } finally {
                provider.deleteBranch(branch);
                provider.deleteBranch(parent);
            }
        }
    }
}
