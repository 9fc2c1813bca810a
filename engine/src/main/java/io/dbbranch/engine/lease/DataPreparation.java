package io.dbbranch.engine.lease;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.data.BranchDataSession;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import io.dbbranch.engine.spi.PointInTime;
import io.dbbranch.engine.spi.Progress;
import io.dbbranch.engine.spi.StatisticsReset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Gives a ready branch the data its {@link BranchData} allows, before anyone else may log in: mint a short-lived login
 * of the branch's own role (never an administrator's: the branch's tables, triggers and defaults may come from an
 * untrusted owner), wait until it works, and apply the policy over it ({@link BranchDataSession}). The lease mints the
 * build's credential only after this returned; on PostgreSQL and local that re-mint replaces the password this one used.
 */
public final class DataPreparation {
    /** How long the preparation's own login is minted for (new logins only; the open session outlives it). */
    static final Duration LOGIN_TTL = Duration.ofMinutes(5);

    private DataPreparation() {
    }

    /**
     * Whether to ask the provider for a native schema-only branch: the policy is schema-only with no kept table, the
     * branch starts from the parent's head, and the provider can ({@link BranchProvider#makesSchemaOnlyBranches()}).
     */
    public static boolean nativeSchemaOnly(BranchProvider provider, BranchData data, PointInTime from) {
        return data.suitsNativeSchemaOnly() && !from.isHistorical() && provider.makesSchemaOnlyBranches();
    }

    /**
     * Applies {@code data} to {@code branch} (ready at {@code connection}) and says what was done. Nothing to do for full
     * data. {@code nativelyEmpty}: the provider made the branch schema-only itself (see {@link #nativeSchemaOnly}); it is
     * then checked, not emptied again.
     *
     * @throws DbBranchException when the policy cannot be applied (a personal column without a rule, a rule that does not
     *                           fit, a trigger the role cannot turn off…); the caller deletes the branch
     */
    public static BranchDataResult apply(BranchProvider provider, BranchInfo branch, ConnectionDetails connection, BranchData data,
                                         boolean nativelyEmpty, Duration readyTimeout, Progress progress) throws InterruptedException {
        if (data.isFull()) {
            return BranchDataResult.untouched();
        }
        long started = System.nanoTime();
        String asked = "Make branch " + branch.name() + " " + data.policy();
        progress.report("making branch " + branch.name() + " " + data.policy() + " as its own role, before any credential is handed out");
        Credential login = provider.mintCredential(branch, connection, loginTtl(provider.capabilities()));
        ReadinessProbe.await(connection, login, readyTimeout, progress);
        // A server error's detail can quote a row ("Failing row contains (…)", "Key (email)=(…)"), real values of unruled
        // columns included: the message of a failed masking goes to build logs, so it carries the error without its detail.
        Properties withoutRowDetail = new Properties();
        withoutRowDetail.setProperty("logServerErrorDetail", "false");
        try (Connection session = ReadinessProbe.open(connection, login, withoutRowDetail)) {
            BranchDataResult result = BranchDataSession.of(session, progress, statisticsEraser(provider, branch))
                    .apply(data, nativelyEmpty, started);
            progress.report("branch " + branch.name() + ": " + result.summary());
            result.warnings().forEach(warning -> progress.report("warning: " + warning));
            return result;
        } catch (SQLException e) {
            throw DbBranchException.of(ErrorCode.PROVIDER_ERROR, asked, "the database answered: " + e.getMessage().replace('\n', ' '),
                    "Check the masking rules against the parent's schema; the branch was deleted and no credential was handed out", e);
        }
    }

    private static Consumer<List<Long>> statisticsEraser(BranchProvider provider, BranchInfo branch) {
        return provider instanceof StatisticsReset reset ? oids -> reset.clearStatistics(branch, oids) : null;
    }

    private static Duration loginTtl(Capabilities capabilities) {
        if (LOGIN_TTL.compareTo(capabilities.minCredentialTtl()) < 0) {
            return capabilities.minCredentialTtl();
        }
        return LOGIN_TTL.compareTo(capabilities.maxCredentialTtl()) > 0 ? capabilities.maxCredentialTtl() : LOGIN_TTL;
    }
}
