package io.dbbranch.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofMillis(500),
            Duration.ofSeconds(4), Set.of(429, 503));

    @Test
    void backoffStaysBetweenHalfTheInitialDelayAndTheCap() {
        Random random = new Random(42);
        for (int retry = 1; retry <= 12; retry++) {
            long ceiling = Math.min(500L << (retry - 1), 4000);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(policy.backoff(retry, random).toMillis()).isBetween(250L, ceiling);
            }
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        Random random = new Random(1);
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> policy.backoff(4, random)).distinct().count();
        assertThat(distinct).isGreaterThan(20);
    }

    @Test
    void noRetryPastTheAttemptOrTimeBudget() {
        Random random = new Random(3);
        assertThat(policy.nextWait(10, Duration.ZERO, Optional.empty(), random)).isEmpty();
        assertThat(policy.nextWait(1, Duration.ofSeconds(29), Optional.of(Duration.ofSeconds(2)), random)).isEmpty();
        assertThat(policy.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(5)), random)).isEmpty();
        assertThat(policy.nextWait(1, Duration.ZERO, Optional.of(Duration.ofSeconds(2)), random)).contains(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:09 GMT", now)).contains(Duration.ofSeconds(9));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse(RetryAfter.format(now.plusSeconds(60)), now)).contains(Duration.ofMinutes(1));
    }
}
