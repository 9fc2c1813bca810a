package io.dbbranch.testkit.lakebase;

import io.dbbranch.testkit.emulator.CommandLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
              --fault <route>=<faults>   inject faults, e.g. branches.create=429:2s*2,reset
                                         (kinds: 429[:Ns], 503[:Ns], slow:Nms, reset, operation-error; routes:
                                         oidc.token, branches.create|get|list|update|delete, endpoints.list|get,
                                         operations.get, credentials.create); repeatable
              --quiet                    do not log requests
            """;

    private LakebaseCommand() {
    }

    public static int run(String[] arguments) throws InterruptedException {
        int port = 8686;
        Path home = Path.of(System.getProperty("user.home"), ".dbbranch", "lakebase-emulator");
        String project = "demo";
        Integer operationPolls = null;
        Integer minTtl = null;
        boolean quiet = false;
        List<String> faults = new ArrayList<>();
        try {
            for (int i = 0; i < arguments.length; i++) {
                String option = arguments[i];
                switch (option) {
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return 0;
                    }
                    case "--quiet" -> quiet = true;
                    case "--port" -> port = Integer.parseInt(CommandLines.value(arguments, ++i, option));
                    case "--home" -> home = Path.of(CommandLines.value(arguments, ++i, option));
                    case "--project" -> project = CommandLines.value(arguments, ++i, option);
                    case "--operation-polls" -> operationPolls = Integer.parseInt(CommandLines.value(arguments, ++i, option));
                    case "--min-credential-ttl" -> minTtl = Integer.parseInt(CommandLines.value(arguments, ++i, option));
                    case "--fault" -> faults.add(CommandLines.value(arguments, ++i, option));
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("lakebase: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        LakebaseEmulator emulator = LakebaseEmulator.start(
                LakebaseEmulator.Options.in(home).withPort(port).withProject(project));
        if (operationPolls != null) {
            emulator.tuning().operationPolls(operationPolls);
        }
        if (minTtl != null) {
            emulator.tuning().minCredentialTtl(Duration.ofSeconds(minTtl));
        }
        faults.forEach(emulator.faults()::inject);
        if (!quiet) {
            emulator.logTo(System.out);
        }
        return CommandLines.serveUntilStopped(emulator, "lakebase-emulator", banner(emulator, home));
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
