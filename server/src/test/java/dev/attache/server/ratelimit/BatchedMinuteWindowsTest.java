package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.attache.server.http.ApiException;
import dev.attache.server.testing.MutableClock;

/** When a node sends its counts to the shared windows, and what it admits on what it knows. */
class BatchedMinuteWindowsTest {

    private static final long TOKEN = 7;
    private static final int QUOTA = 1500;
    /** Batches of up to 50, an eighth of what is left near the quota. */
    private static final Batching RULE = new Batching(Duration.ofMillis(250), 50, 8, Duration.ofMillis(250));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));
    private final SharedWindowsInMemory shared = new SharedWindowsInMemory();
    private final ManualSender sender = new ManualSender();
    private final BatchedMinuteWindows windows = new BatchedMinuteWindows(shared, clock, RULE, sender, () -> { });

    @Test
    void theFirstRequestOfAWindowIsSentAtOnce() {
        count(1, QUOTA);

        sender.runAll();

        assertThat(shared.batches()).containsExactly(1);
    }

    @Test
    void farFromTheQuotaRequestsAreSentFiftyAtATime() {
        heardOnce();
        count(49, QUOTA);
        assertThat(sender.queued()).as("49 wait for the timer").isZero();

        count(1, QUOTA);
        sender.runAll();

        assertThat(shared.batches()).containsExactly(1, 50);
    }

    @Test
    void nearTheQuotaABatchIsAnEighthOfWhatWasLeft() {
        shared.addFromAnotherNode(TOKEN, clock.millis(), 899);
        heardOnce();
        // 900 of 1,000 used: the next batch is 100 / 8 = 12
        count(11, 1000);
        assertThat(sender.queued()).isZero();
        count(1, 1000);
        sender.runAll();
        // 912 used: the next is 88 / 8 = 11

        count(10, 1000);
        assertThat(sender.queued()).isZero();
        count(1, 1000);
        sender.runAll();

        assertThat(shared.batches()).containsExactly(1, 12, 11);
    }

    @Test
    void theLastFewRequestsBeforeTheQuotaAreSentOneByOne() {
        shared.addFromAnotherNode(TOKEN, clock.millis(), 990);
        heardOnce();

        for (int i = 0; i < 3; i++) {
            count(1, 1000);
            sender.runAll();
        }

        assertThat(shared.batches()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void theTimerSendsABatchThatIsNotFull() {
        heardOnce();
        count(3, QUOTA);

        windows.sendAll();

        assertThat(shared.batches()).containsExactly(1, 3);
    }

    @Test
    void theCountsOfEveryTokenDueAtOnceGoInOneCall() {
        for (long token = 1; token <= 5; token++) {
            windows.count(token, clock.millis(), QUOTA);
        }

        sender.runAll();

        assertThat(shared.calls()).containsExactly(5);
        assertThat(shared.batches()).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void theTimerSendsEveryTokensPendingCountsInOneCall() {
        for (long token = 1; token <= 5; token++) {
            windows.count(token, clock.millis(), QUOTA);
        }
        sender.runAll();
        for (long token = 1; token <= 5; token++) {
            for (int i = 0; i < 3; i++) {
                windows.count(token, clock.millis(), QUOTA);
            }
        }

        windows.sendAll();

        assertThat(shared.calls()).containsExactly(5, 5);
        for (long token = 1; token <= 5; token++) {
            assertThat(shared.requests(token)).as("token " + token).isEqualTo(4);
        }
    }

    @Test
    void everyTokenOfAFailedCallIsSentAgainOnceTheSharedWindowsAnswer() {
        shared.down(true);
        for (long token = 1; token <= 5; token++) {
            windows.count(token, clock.millis(), QUOTA);
            windows.count(token, clock.millis(), QUOTA);
        }
        sender.runAll();
        windows.sendAll();

        shared.down(false);
        windows.sendAll();

        assertThat(shared.calls()).containsExactly(5);
        for (long token = 1; token <= 5; token++) {
            assertThat(shared.requests(token)).as("token " + token + ", counted once").isEqualTo(2);
            assertThat(windows.count(token, clock.millis(), QUOTA).requests()).isEqualTo(3);
        }
    }

    @Test
    void aRequestIsHeldToTheQuotaByTheOtherNodesCountsItHeardOf() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 50, 15), clock, windows);
        shared.addFromAnotherNode(TOKEN, clock.millis(), 99);
        limiter.acquire(TOKEN, false).close();
        sender.runAll();
        clock.advance(Duration.ofSeconds(15));

        ApiException refused = catchThrowableOfType(() -> limiter.acquire(TOKEN, false), ApiException.class);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isEqualTo(45);
    }

    @Test
    void aWindowThatOpenedEarlierOnAnotherNodeClosesWhenItsMinuteIsUp() {
        long openedElsewhere = clock.millis() - 40_000;
        shared.addFromAnotherNode(TOKEN, openedElsewhere, 10);
        count(1, QUOTA);
        sender.runAll();
        assertThat(count(1, QUOTA)).isEqualTo(new MinuteWindows.Window(openedElsewhere, 12));

        clock.advance(Duration.ofSeconds(20));

        assertThat(count(1, QUOTA)).isEqualTo(new MinuteWindows.Window(clock.millis(), 1));
    }

    @Test
    void requestsCountedWhileABatchIsUnderWayAreSentWithTheNextAndNotTwice() {
        heardOnce();
        count(49, QUOTA);
        shared.whileAdding(() -> count(7, QUOTA));
        count(1, QUOTA);
        sender.runAll();
        shared.whileAdding(() -> { });

        windows.sendAll();

        assertThat(shared.batches()).containsExactly(1, 50, 7);
        assertThat(shared.requests(TOKEN)).isEqualTo(58);
        assertThat(count(1, QUOTA).requests()).isEqualTo(59);
    }

    @Test
    void whileTheSharedWindowsFailRequestsAreHeldToTheQuotaByThisNodesCount() {
        shared.down(true);
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 50, 15), clock, windows);
        for (int i = 0; i < 100; i++) {
            limiter.acquire(TOKEN, false).close();
            sender.runAll();
            windows.sendAll();
        }

        ApiException refused = catchThrowableOfType(() -> limiter.acquire(TOKEN, false), ApiException.class);

        assertThat(refused.status()).isEqualTo(429);
    }

    @Test
    void whileTheSharedWindowsFailOnlyTheTimerTriesAgain() {
        shared.down(true);
        count(1, QUOTA);
        sender.runAll();

        count(1, QUOTA);

        assertThat(sender.queued()).isZero();
    }

    @Test
    void countsMadeWhileTheSharedWindowsFailedAreSentOnceTheyAnswer() {
        shared.down(true);
        count(5, QUOTA);
        sender.runAll();
        windows.sendAll();

        shared.down(false);
        windows.sendAll();

        assertThat(shared.batches()).containsExactly(5);
        assertThat(shared.requests(TOKEN)).isEqualTo(5);
    }

    @Test
    void countsOfAWindowThatClosedBeforeTheyCouldBeSentAreDropped() {
        shared.down(true);
        count(5, QUOTA);
        sender.runAll();
        clock.advance(Duration.ofSeconds(60));

        shared.down(false);
        windows.sendAll();

        assertThat(shared.batches()).isEmpty();
    }

    @Test
    void overTheQuotaCountsWaitForTheTimer() {
        shared.addFromAnotherNode(TOKEN, clock.millis(), 120);
        heardOnce();

        count(60, 100);
        assertThat(sender.queued()).isZero();
        windows.sendAll();

        assertThat(shared.batches()).containsExactly(1, 60);
    }

    @Test
    void theTimerForgetsATokenOnceItsWindowCloses() {
        count(1, QUOTA);
        clock.advance(Duration.ofSeconds(30));
        windows.count(8, clock.millis(), QUOTA);
        windows.sendAll();
        assertThat(windows.trackedTokens()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(30));
        windows.sendAll();
        assertThat(windows.trackedTokens()).as("the first token's window closed, the second's is open").isEqualTo(1);

        clock.advance(Duration.ofSeconds(30));
        windows.sendAll();
        assertThat(windows.trackedTokens()).isZero();
    }

    @Test
    void closingGivesUnsentCountsALastTry() {
        heardOnce();
        count(3, QUOTA);

        windows.close();
        sender.runAll();

        assertThat(shared.batches()).containsExactly(1, 3);
    }

    @Test
    void aRequestThatFindsTheNextBatchFullWhileOneIsUnderWayWaitsForTheAnswer() throws Exception {
        BatchedMinuteWindows patient = new BatchedMinuteWindows(shared, clock,
                new Batching(Duration.ofMillis(250), 50, 8, Duration.ofMinutes(1)), sender, () -> { });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch answer = new CountDownLatch(1);
        try {
            batchUnderWay(patient, threads, answer, QUOTA);
            for (int i = 0; i < 49; i++) {
                patient.count(TOKEN, clock.millis(), QUOTA);
            }
            Thread[] counting = new Thread[1];
            Future<MinuteWindows.Window> fullBatch = threads.submit(() -> {
                counting[0] = Thread.currentThread();
                return patient.count(TOKEN, clock.millis(), QUOTA);
            });
            awaitState(() -> counting[0], Thread.State.TIMED_WAITING);
            shared.addFromAnotherNode(TOKEN, clock.millis(), 1000);

            answer.countDown();

            assertThat(fullBatch.get(10, TimeUnit.SECONDS).requests()).as("counted after hearing the other node's 1,000")
                    .isEqualTo(1 + 50 + 1000 + 50);
        } finally {
            answer.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void noRequestWaitsLongerThanTheLongestWaitAfterTheBatchWasSent() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(1);
        CountDownLatch answer = new CountDownLatch(1);
        try {
            batchUnderWay(windows, threads, answer, QUOTA);
            clock.advance(RULE.maxWait());

            assertThat(count(50, QUOTA).requests()).as("admitted on what this node knows, the answer still awaited")
                    .isEqualTo(101);
        } finally {
            answer.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void farFromTheQuotaNoRequestWaitsForASendUnderWay() throws Exception {
        BatchedMinuteWindows patient = new BatchedMinuteWindows(shared, clock,
                new Batching(Duration.ofMillis(250), 50, 8, Duration.ofMinutes(1)), sender, () -> { });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch answer = new CountDownLatch(1);
        try {
            batchUnderWay(patient, threads, answer, 1_000_000);

            Future<MinuteWindows.Window> thousandMore = threads.submit(() -> {
                MinuteWindows.Window last = null;
                for (int i = 0; i < 1000; i++) {
                    last = patient.count(TOKEN, clock.millis(), 1_000_000);
                }
                return last;
            });

            assertThat(thousandMore.get(10, TimeUnit.SECONDS).requests()).as("admitted while the send still hangs")
                    .isEqualTo(1 + 50 + 1000);
        } finally {
            answer.countDown();
            threads.shutdownNow();
        }
    }

    /** One request heard back, then a batch of 50 whose send hangs until {@code answer}. */
    private void batchUnderWay(BatchedMinuteWindows on, ExecutorService threads, CountDownLatch answer, int quota) {
        on.count(TOKEN, clock.millis(), quota);
        sender.runAll();
        for (int i = 0; i < 50; i++) {
            on.count(TOKEN, clock.millis(), quota);
        }
        Thread[] sending = new Thread[1];
        shared.whileAdding(() -> {
            sending[0] = Thread.currentThread();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        threads.execute(sender::runAll);
        awaitState(() -> sending[0], Thread.State.WAITING);
    }

    private static void awaitState(Supplier<Thread> thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != state) {
            assertThat(System.nanoTime()).as("a thread reached " + state).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** The first request, sent and answered: the node has heard the shared count. */
    private void heardOnce() {
        count(1, 1000);
        sender.runAll();
        assertThat(shared.batches()).isEqualTo(List.of(1));
    }

    private MinuteWindows.Window count(int requests, int quota) {
        MinuteWindows.Window last = null;
        for (int i = 0; i < requests; i++) {
            last = windows.count(TOKEN, clock.millis(), quota);
        }
        return last;
    }
}
