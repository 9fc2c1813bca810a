package io.dbbranch.testkit.lakebase;

import io.dbbranch.engine.credentials.Secret;
import io.dbbranch.testkit.emulator.BackingPostgres;
import io.dbbranch.testkit.emulator.TokenSigner;
import io.dbbranch.testkit.pgfront.LoginCheck;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins with database credentials, as Lakebase takes them: every unexpired token the emulator minted for an
 * identity opens a session as that identity's role, however many were minted since. The token is checked at the
 * {@link io.dbbranch.testkit.pgfront.LoginFront} (signature, type, subject = the user logging in, expiry); the role's
 * real password on the backing server is a secret of the emulator's own, derived from its signing key, which no
 * client ever sees.
 */
final class TokenLogins implements LoginCheck {
    private final TokenSigner signer;
    /** The servers (by folder) and roles whose password was set by this emulator, so set once per run. */
    private final Set<String> passwordsSet = ConcurrentHashMap.newKeySet();

    TokenLogins(TokenSigner signer) {
        this.signer = signer;
    }

    @Override
    public Admission admit(String user, String database, Secret password) {
        boolean valid = signer.verify(password.reveal(), AuthRoutes.DATABASE_TOKEN).filter(user::equals).isPresent();
        return valid ? new Admitted(user, Secret.of(rolePassword(user))) : Refused.wrongPassword(user);
    }

    /**
     * Lets {@code identity} log in to {@code database} on {@code server} with any token minted for it: makes its role
     * (with the derived password, set the first time this run, so it is right whatever an older emulator left) and
     * grants it the database.
     */
    void grant(BackingPostgres server, String identity, String database) throws SQLException {
        if (passwordsSet.add(server.cluster().directory() + "\n" + identity)) {
            try {
                server.grantLogin(identity, rolePassword(identity), BackingPostgres.NO_EXPIRY, database);
            } catch (SQLException | RuntimeException e) {
                passwordsSet.remove(server.cluster().directory() + "\n" + identity);
                throw e;
            }
        } else {
            server.grantConnect(identity, database);
        }
    }

    private String rolePassword(String role) {
        return signer.derive("lakebase backing role password\n" + role);
    }
}
