package dev.attache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void aCheckThatAnswersTrueIsHealthy() {
        assertThat(new DependencyCheck(() -> true, executor, Duration.ofSeconds(20)).healthy()).isTrue();
    }

    @Test
    void aCheckThatThrowsIsUnavailable() {
        DependencyCheck check = new DependencyCheck(() -> {
            throw new IllegalStateException("pool closed");
        }, executor, Duration.ofSeconds(20));

        assertThat(check.healthy()).isFalse();
    }

    @Test
    void aCheckStillRunningAtTheBoundIsUnavailable() {
        DependencyCheck check = new DependencyCheck(this::hangUntilReleased, executor, Duration.ofMillis(50));

        assertThat(check.healthy()).isFalse();
    }

    @Test
    void callersWhileACheckRunsShareItInsteadOfStartingMore() {
        AtomicInteger started = new AtomicInteger();
        DependencyCheck check = new DependencyCheck(() -> {
            started.incrementAndGet();
            return hangUntilReleased();
        }, executor, Duration.ofMillis(50));

        check.healthy();
        check.healthy();
        check.healthy();

        assertThat(started).hasValue(1);
    }

    @Test
    void aFinishedCheckIsRunAgainForTheNextCaller() {
        AtomicInteger started = new AtomicInteger();
        DependencyCheck check = new DependencyCheck(() -> started.incrementAndGet() > 0, executor, Duration.ofSeconds(20));

        check.healthy();
        check.healthy();

        assertThat(started).hasValue(2);
    }

    @Test
    void aCheckThatCannotBeScheduledIsUnavailable() {
        executor.shutdown();

        assertThat(new DependencyCheck(() -> true, executor, Duration.ofSeconds(20)).healthy()).isFalse();
    }

    private boolean hangUntilReleased() {
        try {
            return release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            return false;
        }
    }
}
