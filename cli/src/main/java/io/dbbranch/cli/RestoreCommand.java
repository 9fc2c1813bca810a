package io.dbbranch.cli;

import io.dbbranch.cli.options.DurationConverter;
import io.dbbranch.cli.options.MomentConverter;
import io.dbbranch.cli.options.PointInTimeOptions;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.migration.RecordedRestorePoint;
import io.dbbranch.engine.migration.RestorePointLog;
import io.dbbranch.engine.restore.Expectation;
import io.dbbranch.engine.restore.PointInTimeRestore;
import io.dbbranch.engine.restore.RestoreRequest;
import io.dbbranch.engine.restore.RestoreResult;
import io.dbbranch.engine.restore.Verification;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dbbranch restore --branch main --at <timestamp> --into recovery}: the undo button, a new branch holding
 * the branch as it was at a moment, an LSN or a recorded restore point, optionally verified.
 */
@Command(name = "restore", header = "Restore a branch as it was at a moment into a new recovery branch.",
        description = "Restore a branch as it was at a moment, an LSN or a recorded restore point into a new recovery "
                + "branch, and optionally verify it with a query (exit code 14 when the verification fails; the branch "
                + "is then deleted unless --keep-on-failed-verification). Needs a provider with history: local, "
                + "lakebase or neon.")
final class RestoreCommand extends DataCommand {
    @Option(names = "--branch", required = true, paramLabel = "BRANCH", description = "The branch to restore, e.g. main.")
    String branch;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Point point;

    @Option(names = "--into", paramLabel = "NAME", description = "The recovery branch (default restore-<branch>-<random>).")
    String into;

    @Option(names = "--verify", paramLabel = "SQL", description = "A query the recovery branch must pass, e.g. 'SELECT count(*) FROM orders'.")
    String verify;

    @Option(names = "--expect", paramLabel = "N|non-empty",
            description = "What --verify's first value must be: a number, or non-empty (the default).")
    String expect;

    @Option(names = "--keep-on-failed-verification", description = "Keep the recovery branch for inspection when the verification fails.")
    boolean keepOnFailedVerification;

    @Option(names = "--keep-for", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1d",
            description = "How long the recovery branch lives before reap may delete it (default ${DEFAULT-VALUE}).")
    Duration keepFor;

    @Option(names = "--token-ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
            description = "Lifetime of the login printed for the recovery branch (default ${DEFAULT-VALUE}).")
    Duration tokenTtl;

    @Option(names = "--show-secret", description = "Also print the login's token.")
    boolean showSecret;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    /** Where to restore to: exactly one of these. */
    static final class Point {
        @Option(names = "--at", paramLabel = "TIMESTAMP", converter = MomentConverter.class, required = true,
                description = "A moment: RFC 3339 with an offset (2025-05-01T12:00:00Z) or relative ('10 minutes ago').")
        PointInTime at;

        @Option(names = "--lsn", paramLabel = "LSN", converter = PointInTimeOptions.LsnConverter.class, required = true,
                description = "A WAL position, e.g. 0/1A2B3C.")
        PointInTime lsn;

        @Option(names = "--restore-point", paramLabel = "NAME", required = true,
                description = "A restore point recorded in the branch (migrate-upstream records one before migrating).")
        String restorePoint;
    }

    @Override
    protected int execute() {
        if (expect != null && verify == null) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Expect '" + expect + "' of the restored branch",
                    "--expect needs a --verify query", "Add --verify 'SELECT count(*) FROM …'");
        }
        Verification verification = verify == null ? null
                : new Verification(verify, expect == null ? Expectation.nonEmpty() : Expectation.parse(expect));
        try (BranchProvider provider = openProvider()) {
            RestoreRequest request = RestoreRequest.builder(branch, pointIn(provider)).name(into).owner(settings().owner())
                    .keepFor(keepFor).verify(verification).keepOnFailedVerification(keepOnFailedVerification)
                    .readyTimeout(readyTimeout.value()).credentialTtl(tokenTtl).build();
            RestoreResult result = new PointInTimeRestore(provider).restore(request, console().progress());
            RestoreView view = RestoreView.of(branch, result, showSecret);
            console().print(view, view.fields());
            return ExitCodes.OK;
        }
    }

    private PointInTime pointIn(BranchProvider provider) {
        if (point.restorePoint == null) {
            return point.at != null ? point.at : point.lsn;
        }
        String asked = "Restore '" + branch + "' to restore point '" + point.restorePoint + "'";
        RestorePointLog log = new RestorePointLog(Branches.ownerLogin(provider,
                Branches.require(provider, branch, asked), readyTimeout.value(), console().progress()));
        return log.find(point.restorePoint).map(RecordedRestorePoint::pointInTime).orElseThrow(() -> {
            List<RecordedRestorePoint> known = log.list();
            return DbBranchException.of(ErrorCode.NOT_FOUND, asked, "no restore point of that name is recorded in it",
                    known.isEmpty() ? "None is recorded: restore to a time or an LSN"
                            : "Recorded: " + known.stream().map(RecordedRestorePoint::name).collect(Collectors.joining(", ")));
        });
    }
}
