package io.dbbranch.engine.lakebase;

import io.dbbranch.engine.spi.Progress;
import java.time.Duration;

/** Follows long-running operations ({@code GET /api/2.0/postgres/<operation name>}) until they are done. */
final class Operations {
    private final LakebaseApi api;
    private final Poller poller;
    private final Duration timeout;

    Operations(LakebaseApi api, Poller poller, Duration timeout) {
        this.api = api;
        this.poller = poller;
        this.timeout = timeout;
    }

    /**
     * The operation once done (successful or not: check {@link Dto.Operation#error()}).
     *
     * @throws io.dbbranch.engine.DbBranchException {@code TIMEOUT} when it is not done within the configured time
     */
    Dto.Operation awaitDone(Dto.Operation started, String asked) {
        if (started.done()) {
            return started;
        }
        return poller.until(asked, timeout, Progress.SILENT, () -> {
            Dto.Operation now = api.getOperation(started.name(), "operation " + started.name());
            return now.done() ? Poller.Step.done(now) : Poller.Step.waiting("waiting for operation " + now.name());
        });
    }
}
