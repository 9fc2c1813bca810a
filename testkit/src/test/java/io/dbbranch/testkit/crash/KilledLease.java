package io.dbbranch.testkit.crash;

import io.dbbranch.engine.StepHooks;
import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.engine.lakebase.LakebaseConfig;
import io.dbbranch.engine.lakebase.LakebaseProvider;
import io.dbbranch.engine.lease.BranchLease;
import io.dbbranch.engine.lease.LeaseSpec;
import io.dbbranch.engine.local.ClusterSettings;
import io.dbbranch.engine.local.LocalCluster;
import io.dbbranch.engine.local.LocalProvider;
import io.dbbranch.engine.neon.NeonConfig;
import io.dbbranch.engine.neon.NeonProvider;
import io.dbbranch.engine.postgres.PostgresConfig;
import io.dbbranch.engine.postgres.PostgresProvider;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.Progress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link ProcessKillTests}: leases one branch and tears it down, halting (as if killed by
 * {@code SIGKILL}) at the step the system property {@value StepHooks#HALT_AT} names. Steps inside a provider are marked
 * by {@link StepHooks} in the engine; the lease's own ones are marked here: {@code lease.requested} (announced, nothing
 * made yet), {@code lease.ready} (credential minted, password file written) and {@code lease.body}.
 *
 * <p>Arguments are {@code key=value}: {@code owner}, {@code parent}, {@code name}, {@code secrets} (the password files'
 * folder) and {@code provider} with its own: {@code local}: {@code cluster}; {@code postgres}: {@code cluster},
 * {@code admin}; {@code lakebase}: {@code url}, {@code project}, {@code client}, {@code port}, {@code prefix};
 * {@code neon}: {@code url}, {@code project}, {@code port}. A password, client secret or API key comes in the
 * environment variable {@value #SECRET_ENV}, never on the command line.
 */
public final class KilledLease {
    static final String SECRET_ENV = "DBBRANCH_TEST_SECRET";

    private KilledLease() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(List.of(args));
        String name = options.get("name");
        LeaseSpec spec = LeaseSpec.builder(options.get("parent")).name(name).owner(options.get("owner"))
                .secretsDirectory(Path.of(options.get("secrets"))).build();
        Progress halting = message -> {
            if (message.startsWith("creating branch ")) {
                StepHooks.reached("lease.requested");
            } else if (message.startsWith("branch " + name + " is ready")) {
                StepHooks.reached("lease.ready");
            }
        };
        BranchProvider provider = provider(options, options.get("owner"), System.getenv().getOrDefault(SECRET_ENV, ""));
        try (BranchLease lease = BranchLease.open(provider, spec, halting)) {
            StepHooks.reached("lease.body");
        }
        System.exit(0);
    }

    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** The provider the options describe, as {@code owner} (the test builds its own, for the reaper, the same way). */
    static BranchProvider provider(Map<String, String> options, String owner, String password) {
        Secret secret = Secret.of(password);
        return switch (options.get("provider")) {
            case "local" -> new LocalProvider(cluster(options), owner);
            case "postgres" -> new PostgresProvider(new PostgresConfig("127.0.0.1", cluster(options).start(), "postgres",
                    options.get("admin"), secret, "disable", null, owner));
            case "lakebase" -> new LakebaseProvider(LakebaseConfig.builder().workspaceUrl(options.get("url"))
                    .project(options.get("project")).servicePrincipal(options.get("client"), secret)
                    .port(Integer.parseInt(options.get("port"))).sslMode("disable").database("{branch}")
                    .namePrefix(options.get("prefix")).owner(owner).pollInterval(Duration.ofMillis(50)).build());
            case "neon" -> new NeonProvider(NeonConfig.of(options.get("project"), secret, owner)
                    .withApiUrl(URI.create(options.get("url"))).withDatabaseName("{branch}")
                    .withConnection(Integer.parseInt(options.get("port")), "disable").withPollInterval(Duration.ofMillis(50)));
            default -> throw new IllegalArgumentException("provider=" + options.get("provider"));
        };
    }

    private static LocalCluster cluster(Map<String, String> options) {
        return new LocalCluster(Path.of(options.get("cluster")), ClusterSettings.ephemeral());
    }
}
