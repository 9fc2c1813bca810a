package io.dbbranch.cli;

import io.dbbranch.cli.options.DurationConverter;
import io.dbbranch.cli.options.ReadyTimeoutOption;
import io.dbbranch.engine.spi.BranchInfo;
import io.dbbranch.engine.spi.BranchProvider;
import io.dbbranch.engine.spi.ConnectionDetails;
import io.dbbranch.engine.spi.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dbbranch credentials <name> [--ttl 10m]}: a short-lived login for a branch. */
@Command(name = "credentials", header = "Mint a short-lived login (a JWT as password) for a branch.",
        description = "The token is printed only with --json or --show-secret. On local and postgres a new token replaces "
                + "the branch's previous one for new logins (open sessions stay).")
final class CredentialsCommand extends DataCommand {
    @Parameters(paramLabel = "NAME", description = "The branch.")
    String name;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "How long the token allows new logins (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--show-secret", description = "Print the token in the human output too.")
    boolean showSecret;

    @Mixin
    ReadyTimeoutOption readyTimeout;


    /** The JSON form (field names are part of the CLI's contract). */
    record CredentialView(String branch, String user, String token, Instant expiresAt, String host, int port,
                          String database, String sslMode, String jdbcUrl) {
    }

    @Override
    protected int execute() {
        try (BranchProvider provider = openProvider()) {
            BranchInfo branch = Branches.require(provider, name, "Mint a credential for branch '" + name + "'");
            ConnectionDetails connection = provider.awaitReady(branch, readyTimeout.value(), console().progress());
            Credential credential = provider.mintCredential(branch, connection, ttl);
            CredentialView view = new CredentialView(name, credential.user(), credential.password().reveal(),
                    credential.expiresAt(), connection.host(), connection.port(), connection.database(),
                    connection.sslMode(), connection.jdbcUrl());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("branch", name);
            fields.put("user", credential.user());
            fields.put("token", showSecret ? view.token() : "**** (add --show-secret or --json to print it)");
            fields.put("expires", credential.expiresAt());
            fields.put("host", connection.host());
            fields.put("port", connection.port());
            fields.put("database", connection.database());
            fields.put("sslmode", connection.sslMode());
            console().print(view, fields);
            return ExitCodes.OK;
        }
    }
}
