package io.dbbranch.engine.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbbranch.engine.DbBranchException;
import io.dbbranch.engine.ErrorCode;
import io.dbbranch.engine.spi.Progress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The in-process line for a connection's branch slots: first come, first served; nobody who gives up keeps a place. */
class BranchSlotsTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @Test
    void waitersAreServedInTheOrderTheyCame() throws Exception {
        BranchSlots slots = new BranchSlots("fifo");
        BranchSlot holder = slots.acquire("holder", 1, LONG, Progress.SILENT, Cancellation.NONE);
        List<String> served = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> waiters = new java.util.ArrayList<>();
        for (String who : List.of("first", "second", "third")) {
            waiters.add(CompletableFuture.runAsync(() -> {
                try (BranchSlot slot = slots.acquire(who, 1, LONG, Progress.SILENT, Cancellation.NONE)) {
                    served.add(slot.holder());
                }
            }));
            int expected = waiters.size();
            awaitTrue(() -> slots.snapshot().waiters().size() == expected, who + " in line");
        }

        assertThat(slots.snapshot().waiters()).extracting(QueueSnapshot.Entry::who).containsExactly("first", "second", "third");
        assertThat(slots.snapshot().holders()).extracting(QueueSnapshot.Entry::who).containsExactly("holder");
        holder.close();
        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(served).containsExactly("first", "second", "third");
        assertThat(slots.snapshot().holders()).isEmpty();
    }

    @Test
    void aFreedSlotIsHandedToTheHeadOfTheLineBeforeCloseReturns() throws Exception {
        BranchSlots slots = new BranchSlots("hand-over");
        BranchSlot holder = slots.acquire("holder", 1, LONG, Progress.SILENT, Cancellation.NONE);
        CompletableFuture<BranchSlot> next = CompletableFuture.supplyAsync(
                () -> slots.acquire("next", 1, LONG, Progress.SILENT, Cancellation.NONE));
        awaitTrue(() -> slots.snapshot().waiters().size() == 1, "next in line");

        holder.close();

        assertThat(slots.snapshot().holders()).extracting(QueueSnapshot.Entry::who).containsExactly("next");
        assertThat(slots.snapshot().waiters()).isEmpty();
        next.get(10, TimeUnit.SECONDS).close();
        assertThat(slots.snapshot().holders()).isEmpty();
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAtOnceAndNeverHoldsASlot() throws Exception {
        BranchSlots slots = new BranchSlots("interrupt");
        BranchSlot holder = slots.acquire("holder", 1, LONG, Progress.SILENT, Cancellation.NONE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread aborted = new Thread(() -> {
            try {
                slots.acquire("aborted build", 1, LONG, Progress.SILENT, Cancellation.NONE);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        aborted.start();
        awaitTrue(() -> slots.snapshot().waiters().size() == 1, "the waiter in line");
        CompletableFuture<String> behind = CompletableFuture.supplyAsync(() -> {
            try (BranchSlot slot = slots.acquire("next build", 1, LONG, Progress.SILENT, Cancellation.NONE)) {
                return slot.holder();
            }
        });
        awaitTrue(() -> slots.snapshot().waiters().size() == 2, "a second waiter behind it");

        long interruptedAt = System.nanoTime();
        aborted.interrupt();
        aborted.join(2_000);

        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(failure.get()).isInstanceOf(DbBranchException.class)
                .satisfies(e -> assertThat(((DbBranchException) e).code()).isEqualTo(ErrorCode.INTERRUPTED));
        assertThat(slots.snapshot().waiters()).extracting(QueueSnapshot.Entry::who).containsExactly("next build");
        holder.close();
        assertThat(behind.get(10, TimeUnit.SECONDS)).as("the slot went to the build behind").isEqualTo("next build");
        assertThat(slots.snapshot().holders()).isEmpty();
    }

    @Test
    void aCancelledWaiterLeavesTheQueueWithoutAnInterrupt() throws Exception {
        BranchSlots slots = new BranchSlots("cancel");
        try (BranchSlot holder = slots.acquire("holder", 1, LONG, Progress.SILENT, Cancellation.NONE)) {
            AtomicBoolean aborted = new AtomicBoolean();
            CompletableFuture<BranchSlot> waiter = CompletableFuture.supplyAsync(
                    () -> slots.acquire("aborted build", 1, LONG, Progress.SILENT, aborted::get));
            awaitTrue(() -> slots.snapshot().waiters().size() == 1, "the waiter in line");

            aborted.set(true);

            assertThatThrownBy(() -> waiter.get(2, TimeUnit.SECONDS)).hasCauseInstanceOf(DbBranchException.class)
                    .hasMessageContaining("cancelled");
            assertThat(slots.snapshot().waiters()).isEmpty();
            assertThat(slots.snapshot().holders()).extracting(QueueSnapshot.Entry::who).containsExactly(holder.holder());
        }
    }

    @Test
    void aWaitThatRunsOutNamesWhoHoldsTheSlots() {
        BranchSlots slots = new BranchSlots("timeout");
        try (BranchSlot held = slots.acquire("job/app #7", 1, LONG, Progress.SILENT, Cancellation.NONE)) {
            assertThatThrownBy(() -> slots.acquire("job/app #8", 1, Duration.ofMillis(300), Progress.SILENT, Cancellation.NONE))
                    .isInstanceOfSatisfying(DbBranchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                    .hasMessageContaining("job/app #8").hasMessageContaining("held by job/app #7");
            assertThat(slots.snapshot().waiters()).isEmpty();
        }
    }

    @Test
    void theWaitIsReportedWhenTheLineMovesNotAtEveryPoll() throws Exception {
        BranchSlots slots = new BranchSlots("lakebase-prod");
        BranchSlot holder = slots.acquire("holder", 1, LONG, Progress.SILENT, Cancellation.NONE);
        BranchSlot waiterAhead;
        CompletableFuture<BranchSlot> ahead = CompletableFuture.supplyAsync(
                () -> slots.acquire("ahead", 1, LONG, Progress.SILENT, Cancellation.NONE));
        awaitTrue(() -> slots.snapshot().waiters().size() == 1, "a build ahead");
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> last = CompletableFuture.runAsync(() -> slots.acquire("last", 1, LONG, lines::add,
                Cancellation.NONE).close());

        Thread.sleep(1_500); // about 7 polls
        holder.close();
        waiterAhead = ahead.get(10, TimeUnit.SECONDS);
        awaitTrue(() -> lines.size() >= 2, "a line once the build ahead got its slot");
        waiterAhead.close();
        last.get(10, TimeUnit.SECONDS);

        assertThat(lines).containsExactly(
                "waiting for a branch slot on lakebase-prod: 1 build ahead (1 of 1 slots taken)",
                "waiting for a branch slot on lakebase-prod: next in line (1 of 1 slots taken)",
                lines.get(2));
        assertThat(lines.get(2)).startsWith("got a branch slot on lakebase-prod after ");
    }

    @Test
    void withoutALimitNobodyWaits() {
        BranchSlots slots = new BranchSlots("unlimited");
        try (BranchSlot one = slots.acquire("a", 0, Duration.ZERO, Progress.SILENT, Cancellation.NONE);
             BranchSlot two = slots.acquire("b", 0, Duration.ZERO, Progress.SILENT, Cancellation.NONE)) {
            assertThat(slots.snapshot().holders()).hasSize(2);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }
}
