package io.dbbranch.testkit.pgfront;

import io.dbbranch.engine.credentials.Secret;
import java.util.Objects;

/** Decides whether a login at the front may go on, and as whom it logs in to the real server. */
@FunctionalInterface
public interface LoginCheck {

    /**
     * @param user     the user named in the startup message
     * @param database the database named in it (the user's name when none was)
     * @param password the password the client sent
     */
    Admission admit(String user, String database, Secret password);

    /** What the front does with a login. */
    sealed interface Admission permits Admitted, Refused {
    }

    /** Log in to the real server as {@code user} with {@code password} (its real one). */
    record Admitted(String user, Secret password) implements Admission {
        public Admitted {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /** Refuse the login with a fatal error: {@code sqlState} (e.g. {@code 28P01}) and the server's words. */
    record Refused(String sqlState, String message) implements Admission {
        public Refused {
            Objects.requireNonNull(sqlState, "sqlState");
            Objects.requireNonNull(message, "message");
        }

        /** PostgreSQL's own refusal of a wrong password: SQLSTATE 28P01, naming the user. */
        public static Refused wrongPassword(String user) {
            return new Refused("28P01", "password authentication failed for user \"" + user + "\"");
        }
    }
}
