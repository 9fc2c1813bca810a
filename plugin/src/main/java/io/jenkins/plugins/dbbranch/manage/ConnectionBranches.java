package io.jenkins.plugins.dbbranch.manage;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.capacity.BranchSlots;
import io.dbbranch.engine.capacity.QueueSnapshot;
import io.dbbranch.engine.spi.BranchProvider;
import io.jenkins.plugins.dbbranch.config.ConnectionContext;
import io.jenkins.plugins.dbbranch.config.DbConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's section of the Database branches page: its branches, or why they could not be listed. A
 * connection that cannot be reached shows its error in its own section; the others are listed as usual.
 *
 * @param connection the connection's name
 * @param kind       the connection's kind, as its form names it
 * @param branches   its branches, this controller's first, newest first; empty when {@code error} is set
 * @param error      why the branches could not be listed, {@code null} when they were
 * @param maxBranches the connection's limit of live branches, 0 for none
 * @param queue      this controller's branch slots on the connection: who holds one, who waits for one, in order
 */
public record ConnectionBranches(String connection, String kind, List<BranchRow> branches, @CheckForNull String error,
                                 int maxBranches, QueueSnapshot queue) {

    private static final Logger LOGGER = Logger.getLogger(ConnectionBranches.class.getName());
    private static final Comparator<BranchRow> OURS_NEWEST_FIRST = Comparator.comparing((BranchRow row) -> !row.standing().ours())
            .thenComparing(BranchRow::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(BranchRow::name);

    public ConnectionBranches {
        branches = List.copyOf(branches);
    }

    /** Lists the branches of {@code connection} through a provider opened with {@code context}. */
    static ConnectionBranches list(DbConnection connection, ConnectionContext context, Clock clock) {
        String kind = connection.getDescriptor().getDisplayName();
        QueueSnapshot queue = BranchSlots.forConnection(connection.getName()).snapshot();
        try (BranchProvider provider = connection.open(context)) {
            Instant now = clock.instant();
            List<BranchRow> rows = provider.listBranches("").stream()
                    .map(branch -> BranchRow.of(branch, context.owner(), now)).sorted(OURS_NEWEST_FIRST).toList();
            return new ConnectionBranches(connection.getName(), kind, rows, null, connection.getMaxBranches(), queue);
        } catch (IOException | DbBranchException e) {
            return new ConnectionBranches(connection.getName(), kind, List.of(), e.getMessage(), connection.getMaxBranches(), queue);
        } catch (RuntimeException e) {
            // Not one of ours: keep its trace in the log, and still show the other connections.
            LOGGER.log(Level.WARNING, "Could not list the branches of connection " + connection.getName(), e);
            return new ConnectionBranches(connection.getName(), kind, List.of(), e.toString(), connection.getMaxBranches(), queue);
        }
    }

    /** How many of the branches this controller made. */
    public long ours() {
        return branches.stream().filter(row -> row.standing().ours()).count();
    }
}
