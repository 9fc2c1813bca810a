package io.dbbranch.engine.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * At most one idle admin session on the maintenance database, kept for a few seconds after its last use so that the
 * next short piece of work (a lease's credential right after its branch, the next build's branch right after a
 * teardown) skips a login: a new session costs a TCP handshake, a backend and SCRAM's key derivation, about 8 ms on a
 * quiet machine, as much as the rest of minting a credential.
 *
 * <p>A session is kept only in the state it was opened in: auto-commit on and no transaction open; anything else is
 * closed. It is checked with a round trip before reuse (a restarted server leaves a dead one), and closed once idle for
 * {@link #IDLE} (10 s), so nothing of ours lingers on a user's server. Work that holds session state of its own (advisory
 * locks) does not come from here.
 */
final class WarmSession {
    /** How long an idle session is kept. */
    static final Duration IDLE = Duration.ofSeconds(10);

    private final Supplier<Connection> opener;
    private final Duration keep;
    private Connection idle;
    private long idleSince;

    /** Keeps an idle session for {@link #IDLE}. */
    WarmSession(Supplier<Connection> opener) {
        this(opener, IDLE);
    }

    WarmSession(Supplier<Connection> opener, Duration keep) {
        this.opener = opener;
        this.keep = keep;
    }

    /** A session for a short piece of work; closing it gives it back here. */
    Connection take() {
        Connection reused = takeIdle();
        while (reused != null) {
            if (stillAlive(reused)) {
                return lend(reused);
            }
            closeQuietly(reused);
            reused = takeIdle();
        }
        return lend(opener.get());
    }

    private synchronized Connection takeIdle() {
        Connection taken = idle;
        idle = null;
        if (taken != null && System.nanoTime() - idleSince > keep.toNanos()) {
            closeQuietly(taken);
            return null;
        }
        return taken;
    }

    private static boolean stillAlive(Connection session) {
        try {
            return session.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void giveBack(Connection session) {
        if (!reusable(session)) {
            closeQuietly(session);
            return;
        }
        Connection replaced;
        long since = System.nanoTime();
        synchronized (this) {
            replaced = idle;
            idle = session;
            idleSince = since;
        }
        if (replaced != null) {
            closeQuietly(replaced);
        }
        CompletableFuture.runAsync(() -> closeIfIdleSince(session, since),
                CompletableFuture.delayedExecutor(keep.toMillis() + 100, TimeUnit.MILLISECONDS));
    }

    private void closeIfIdleSince(Connection session, long since) {
        synchronized (this) {
            if (idle != session || idleSince != since) {
                return;
            }
            idle = null;
        }
        closeQuietly(session);
    }

    private static boolean reusable(Connection session) {
        try {
            return !session.isClosed() && session.getAutoCommit()
                    && session.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException ignored) {
            // A session that cannot even close is gone already; there is nothing left to release.
        }
    }

    /** The session behind a handle whose {@code close()} gives it back; the handle is unusable after that. */
    private Connection lend(Connection session) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(session, args);
                }
                switch (method.getName()) {
                    case "close" -> {
                        if (!closed) {
                            closed = true;
                            giveBack(session);
                        }
                        return null;
                    }
                    case "isClosed" -> {
                        return closed || session.isClosed();
                    }
                    default -> {
                        if (closed) {
                            throw new SQLException("This connection has been closed.", "08003");
                        }
                    }
                }
                try {
                    return method.invoke(session, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(WarmSession.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
}
