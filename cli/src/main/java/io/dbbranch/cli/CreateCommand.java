package io.dbbranch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbbranch.cli.options.CapacityOptions;
import io.dbbranch.cli.options.DataOptions;
import io.dbbranch.cli.options.DurationConverter;
import io.dbbranch.cli.options.FixedNameOptions;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.cli.options.PointInTimeOptions;
import io.dbbranch.cli.output.BranchView;
import io.dbbranch.cli.output.DataView;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.data.BranchData;
import io.dbbranch.engine.data.BranchDataResult;
import io.dbbranch.engine.capacity.Admission;
import io.dbbranch.engine.capacity.Cancellation;
import io.dbbranch.engine.capacity.CapacityGate;
import io.dbbranch.engine.lease.DataPreparation;
import io.dbbranch.engine.lease.ExistingBranch;
import io.dbbranch.engine.lease.KeepPolicy;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.lease.OnExists;
import io.dbbranch.engine.lease.LeaseAdmission;
import io.dbbranch.engine.report.ReportJson;
import io.dbbranch.engine.naming.BranchName;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Capabilities;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.CreateBranchRequest;
import io.dbbranch.engine.spi.Labels;
import io.dbbranch.engine.spi.PointInTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dbbranch create <name> --parent main}: a branch that lives until deleted or its expiry; or a root database. */
@Command(name = "create", header = "Create a branch of a parent and wait until it accepts connections.",
        description = "Without --parent (local and postgres providers), create an empty root database to branch from.")
final class CreateCommand extends DataCommand {
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    @Parameters(paramLabel = "NAME", description = "The new branch: lowercase letters, digits and '-', starting with a letter.")
    String name;

    @Option(names = "--parent", paramLabel = "BRANCH", description = "The branch (database) to copy.")
    String parent;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the branch lives before `dbbranch reap` may delete it (default 1h; a root never expires unless given).")
    Duration ttl;

    @ArgGroup(exclusive = true)
    PointInTimeOptions from;

    @Mixin
    ReadyTimeoutOption readyTimeout;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    FixedNameOptions fixedName;

    @Mixin
    CapacityOptions capacity;

    @Override
    protected int execute() {
        BranchName.validate(name);
        PointInTime point = PointInTimeOptions.of(from);
        if (parent == null && point.isHistorical()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Create '" + name + "' at " + point,
                    "--at and --lsn choose a moment of a parent, and no --parent was given", "Add --parent <branch>");
        }
        BranchData data = dataOptions.toBranchData(context());
        if (parent == null && (fixedName.onExists() != OnExists.FAIL || fixedName.pullRequest() != null)) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Create root database '" + name + "' with --on-exists or "
                    + "--pull-request", "those are for branches of a parent", "Add --parent <branch>, or leave them out");
        }
        if (parent == null && !data.isFull()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Create root database '" + name + "' with --data " + data.policy(),
                    "a root database starts empty, with no parent's data to leave out or mask", "Add --parent <branch>");
        }
        try (BranchProvider provider = openProvider()) {
            Instant now = Instant.now();
            boolean nativeSchemaOnly = DataPreparation.nativeSchemaOnly(provider, data, point);
            ExistingBranch.Opened opened;
            try {
                opened = parent == null ? new ExistingBranch.Opened(createRoot(provider, now), ExistingBranch.Origin.CREATED)
                        : createBranch(provider, point, now, data, nativeSchemaOnly);
            } catch (RuntimeException e) {
                throw Cleanup.reportLeftBehind(name, e, console());
            }
            BranchInfo branch = opened.branch();
            ConnectionDetails connection;
            BranchDataResult prepared;
            try {
                connection = provider.awaitReady(branch, readyTimeout.value(), console().progress());
                // A signal during a call that could not notice it (SQL, HTTP) finds the branch made: nobody wants it now.
                Cleanup.stopIfInterrupted("Create " + name);
                // A branch taken over keeps its data: the policy was applied when it was made.
                prepared = !opened.origin().madeNow() ? BranchDataResult.untouched()
                        : DataPreparation.apply(provider, branch, connection, data, nativeSchemaOnly, readyTimeout.value(),
                        console().progress());
            } catch (RuntimeException e) {
                throw opened.origin().madeNow() ? Cleanup.deleteAfter(provider, branch, e, console()) : e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Cleanup.deleteAfter(provider, branch, DbBranchException.of(ErrorCode.INTERRUPTED, "Create branch '" + name + "'",
                        "interrupted while preparing its data", "Run the command again"), console());
            }
            console().note(verb(opened.origin()) + (parent == null ? "root database " : "branch ") + name
                    + (parent == null ? "" : " of " + parent + (point.isHistorical() ? " at " + point : ""))
                    + " on " + provider.kind());
            BranchView view = BranchView.of(branch, connection);
            if (data.isFull()) {
                console().print(view, view.fields());
            } else {
                printWithData(view, prepared);
            }
            return ExitCodes.OK;
        }
    }

    /** The branch's fields plus {@code data}: what was done to its rows, per table. */
    private void printWithData(BranchView view, BranchDataResult prepared) {
        ObjectNode json = ReportJson.mapper().valueToTree(view);
        json.set("data", ReportJson.mapper().valueToTree(prepared));
        Map<String, Object> fields = new LinkedHashMap<>(view.fields());
        fields.put("data", prepared.summary());
        console().print(json, fields);
        if (!console().isJson()) {
            DataView.lines(prepared).forEach(line -> console().text(line + "\n"));
        }
    }

    private static String verb(ExistingBranch.Origin origin) {
        return switch (origin) {
            case CREATED -> "created ";
            case REUSED -> "reused ";
            case RESET -> "reset ";
            case RECREATED -> "recreated ";
        };
    }

    /** Creates the branch, or does what --on-exists says with the one of that name (see {@link ExistingBranch}). */
    private ExistingBranch.Opened createBranch(BranchProvider provider, PointInTime point, Instant now, BranchData data,
                                               boolean schemaOnly) {
        Capabilities capabilities = provider.capabilities();
        String asked = "Create branch '" + name + "' of '" + parent + "'";
        if (point.isHistorical() && !capabilities.pointInTime()) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, asked + " at " + point,
                    "the " + provider.kind() + " provider cannot branch from the past", "Leave out --at and --lsn");
        }
        Duration lifetime = ttl == null ? DEFAULT_TTL : ttl;
        capabilities.requireBranchLifetime(lifetime, asked, "--ttl");
        // A branch taken over gets the same expiry from now; a pull request's key makes the spec keep "while open".
        LeaseSpec spec = LeaseSpec.builder(parent).name(name).owner(settings().owner()).from(point).data(data)
                .expiryWindow(lifetime).readyTimeout(readyTimeout.value()).onExists(fixedName.onExists())
                .keep(fixedName.pullRequest() == null ? KeepPolicy.NEVER : KeepPolicy.WHILE_PR_OPEN)
                .pullRequest(fixedName.pullRequest()).build();
        // The branch outlives this process: other processes' branches are counted, no slot is held.
        CapacityGate gate = new CapacityGate(provider, capacity.toCapacity("", settings()), settings().owner(),
                LeaseAdmission.reclaimer(provider, settings().owner()), console().progress());
        try (Admission admission = gate.admit(name, true, Cancellation.NONE)) {
            return new ExistingBranch(provider, spec, console().progress()).open(request(lifetime, point, now, schemaOnly), () -> {
                console().progress().report("creating branch " + name + " of " + parent + " on " + provider.kind());
                // Labels at each attempt: a create the service refused for its quota may be tried again much later.
                return admission.create(name, () -> provider.createBranch(request(lifetime, point, Instant.now(), schemaOnly)));
            });
        }
    }

    private CreateBranchRequest request(Duration lifetime, PointInTime point, Instant at, boolean schemaOnly) {
        Labels labels = new Labels(settings().owner(), null, null, null, at, at.plus(lifetime), fixedName.pullRequest());
        return new CreateBranchRequest(name, parent, point, labels.expiresAt(), labels, schemaOnly);
    }

    private BranchInfo createRoot(BranchProvider provider, Instant now) {
        if (!(provider instanceof PostgresProvider postgres)) {
            throw DbBranchException.of(ErrorCode.INVALID_REQUEST, "Create root database '" + name + "'",
                    "the " + provider.kind() + " provider makes branches of existing ones only", "Add --parent <branch>");
        }
        Labels labels = new Labels(settings().owner(), null, null, null, now, ttl == null ? null : now.plus(ttl));
        console().progress().report("creating root database " + name + " on " + provider.kind());
        return postgres.createRoot(name, labels);
    }
}
