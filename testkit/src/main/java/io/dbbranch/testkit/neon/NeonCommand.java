package io.dbbranch.testkit.neon;

import io.dbbranch.testkit.emulator.CommandLines;
import io.dbbranch.testkit.emulator.CommonOptions;
import java.nio.file.Path;

/**
 * {@code java -jar dbbranch-testkit.jar neon [options]}: runs a {@link NeonEmulator} until interrupted and prints
 * what to configure.
 */
public final class NeonCommand {
    private static final String USAGE = """
            Usage: java -jar dbbranch-testkit.jar neon [options]
              --port <port>              HTTP port (default 8687; 0 = any free port)
              --home <dir>               where the PostgreSQL cluster lives (default ~/.dbbranch/neon-emulator)
              --project <id>             project id (default demo-project)
              --api-key <key>            the API key clients must send (default neon-demo-api-key)
              --operation-polls <n>      polls until an operation is finished (default 2)
              --no-password-storage      reveal_password answers 412, as in projects that store no passwords
              --no-locking               do not answer 423 while a branch's operation runs
              --max-branches <n>         refuse creates beyond n branches besides the default one,
                                         as Neon does (422 BRANCHES_LIMIT_EXCEEDED; default 0: none)
              --fault <route>=<faults>   inject faults, e.g. branches.create=429:2s*2,reset
                                         (kinds: 429[:Ns], 503[:Ns], slow:Nms, reset, operation-error; routes:
                                         branches.create|list|get|update|delete|restore, endpoints.list,
                                         operations.get, roles.create|get|delete|reveal_password|reset_password);
                                         repeatable
              --quiet                    do not log requests
            """;

    private NeonCommand() {
    }

    public static int run(String[] arguments) throws InterruptedException {
        CommonOptions options = new CommonOptions(8687,
                Path.of(System.getProperty("user.home"), ".dbbranch", "neon-emulator"), "demo-project");
        String apiKey = "neon-demo-api-key";
        boolean passwordStorage = true;
        boolean locking = true;
        try {
            for (int i = 0; i < arguments.length && !options.helpAsked(); i++) {
                String option = arguments[i];
                switch (option) {
                    case "--no-password-storage" -> passwordStorage = false;
                    case "--no-locking" -> locking = false;
                    case "--api-key" -> apiKey = CommandLines.value(arguments, ++i, option);
                    default -> i = options.read(arguments, i);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("neon: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (options.helpAsked()) {
            System.out.print(USAGE);
            return 0;
        }
        NeonEmulator emulator = NeonEmulator.start(NeonEmulator.Options.in(options.home()).withPort(options.port())
                .withProject(options.project()).withApiKey(apiKey));
        emulator.tuning().passwordStorage(passwordStorage).lockWhileOperationsRun(locking);
        emulator.tuning().maxBranches(options.maxBranches());
        options.applyTo(emulator.tuning()::operationPolls, emulator.faults(), emulator::logTo);
        return CommandLines.serveUntilStopped(emulator, "neon-emulator", banner(emulator, options.home()));
    }

    static String banner(NeonEmulator emulator, Path home) {
        return """
                Neon emulator listening on %1$s
                  API URL     %1$s
                  project     %2$s (default branch: %3$s)
                  API key     %4$s
                  Postgres    127.0.0.1:%5$d, sslmode=disable, database = the branch id
                              (provider settings: port %5$d, sslMode disable, database {branch})
                  home        %6$s
                This is a demo key of a local emulator: never use a real one here. Ctrl+C stops it.
                """.formatted(emulator.apiUrl(), emulator.project(), NeonEmulator.DEFAULT_BRANCH, emulator.apiKey(),
                emulator.postgresPort(), home.toAbsolutePath());
    }
}
