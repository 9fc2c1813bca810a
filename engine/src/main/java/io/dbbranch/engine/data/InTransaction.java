package io.dbbranch.engine.data;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction of the session: committed when it returns, rolled back when it throws. */
final class InTransaction {
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    private InTransaction() {
    }

    static void run(Connection session, Work work) throws SQLException {
        session.setAutoCommit(false);
        try {
            work.run();
            session.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                session.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            session.setAutoCommit(true);
        }
    }
}
