package io.dbbranch.testkit.lakebase;

import io.dbbranch.testkit.emulator.CommandLines;
import io.dbbranch.testkit.emulator.CommonOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar dbbranch-testkit.jar lakebase [options]}: runs a {@link LakebaseEmulator} until interrupted and
 * prints what to configure.
 */
public final class LakebaseCommand {
    private static final String USAGE = """
            Usage: java -jar dbbranch-testkit.jar lakebase [options]
              --port <port>              HTTP port (default 8686; 0 = any free port)
              --home <dir>               where the PostgreSQL cluster and signing key live
                                         (default ~/.dbbranch/lakebase-emulator)
              --project <id>             project id (default demo)
              --operation-polls <n>      polls until a create operation is done (default 2)
              --min-credential-ttl <s>   shortest credential TTL accepted, in seconds (default 300)
              --max-branches <n>         refuse creates beyond n branches besides the default one,
                                         as Lakebase does (429 RESOURCE_EXHAUSTED; default 0: none)
              --fault <route>=<faults>   inject faults, e.g. branches.create=429:2s*2,reset
                                         (kinds: 429[:Ns], 503[:Ns], slow:Nms, reset, operation-error; routes:
                                         oidc.token, branches.create|get|list|update|delete, endpoints.list|get,
                                         operations.get, credentials.create); repeatable
              --quiet                    do not log requests
            """;

    private LakebaseCommand() {
    }

    public static int run(String[] arguments) throws InterruptedException {
        CommonOptions options = new CommonOptions(8686,
                Path.of(System.getProperty("user.home"), ".dbbranch", "lakebase-emulator"), "demo");
        Integer minTtl = null;
        try {
            for (int i = 0; i < arguments.length && !options.helpAsked(); i++) {
                String option = arguments[i];
                if (option.equals("--min-credential-ttl")) {
                    minTtl = Integer.parseInt(CommandLines.value(arguments, ++i, option));
                } else {
                    i = options.read(arguments, i);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lakebase: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (options.helpAsked()) {
            System.out.print(USAGE);
            return 0;
        }
        LakebaseEmulator emulator = LakebaseEmulator.start(
                LakebaseEmulator.Options.in(options.home()).withPort(options.port()).withProject(options.project()));
        if (minTtl != null) {
            emulator.tuning().minCredentialTtl(Duration.ofSeconds(minTtl));
        }
        emulator.tuning().maxBranches(options.maxBranches());
        options.applyTo(emulator.tuning()::operationPolls, emulator.faults(), emulator::logTo);
        return CommandLines.serveUntilStopped(emulator, "lakebase-emulator", banner(emulator, options.home()));
    }

    static String banner(LakebaseEmulator emulator, Path home) {
        LakebaseEmulator.Identities ids = emulator.identities();
        return """
                Lakebase emulator listening on %1$s
                  workspace URL   %1$s
                  project         %2$s (default branch: %3$s)
                  OAuth M2M       client id %4$s
                                  client secret %5$s   (Postgres user: the client id)
                  personal token  %6$s   (Postgres user: %7$s)
                  Postgres        127.0.0.1:%8$d, sslmode=disable, database = the branch id
                                  (provider settings: port %8$d, sslMode disable, database {branch})
                  home            %9$s
                These are demo credentials of a local emulator: never use real ones here. Ctrl+C stops it.
                """.formatted(emulator.workspaceUrl(), emulator.project(), LakebaseEmulator.DEFAULT_BRANCH,
                ids.clientId(), ids.clientSecret(), ids.personalAccessToken(), ids.patUser(), emulator.postgresPort(),
                home.toAbsolutePath());
    }
}
