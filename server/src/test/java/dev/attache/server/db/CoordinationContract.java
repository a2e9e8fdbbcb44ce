package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.attache.server.ids.NodeIdLease;
import dev.attache.server.ratelimit.JdbcSharedWindows;
import dev.attache.server.ratelimit.MinuteWindows;
import dev.attache.server.ratelimit.SharedWindows;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;
import dev.attache.server.testing.MutableClock;

/** What the nodes of a cluster agree on through the database: settings, leases, node ids, rate windows. */
abstract class CoordinationContract extends DatabaseContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));

    CoordinationContract(Engine engine) {
        super(engine);
    }

    @Test
    void aSettingProposedByManyNodesAtOnceIsTheSameForAll() {
        List<Settings> nodes = IntStream.range(0, 4).mapToObj(i -> new Settings(connectNode().jdbc())).toList();

        List<String> values = Concurrently.run(nodes.size(), i -> nodes.get(i).getOrInsert("secret", "proposal-" + i));

        assertThat(values).containsOnly(values.get(0));
        assertThat(new Settings(jdbc).get("secret")).contains(values.get(0));
    }

    @Test
    void aHeldLeaseIsRefusedToOthersUntilItExpires() {
        Leases leases = new Leases(jdbc, clock);
        assertThat(leases.tryAcquire("job", "a", Duration.ofSeconds(30))).isTrue();

        assertThat(leases.tryAcquire("job", "b", Duration.ofSeconds(30))).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(leases.tryAcquire("job", "b", Duration.ofSeconds(30))).isTrue();
        assertThat(leases.tryAcquire("job", "a", Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void aHolderRenewsItsLeaseAndAReleasedLeaseGoesToTheNextAsker() {
        Leases leases = new Leases(jdbc, clock);
        leases.tryAcquire("job", "a", Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(20));
        assertThat(leases.tryAcquire("job", "a", Duration.ofSeconds(30))).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(leases.tryAcquire("job", "b", Duration.ofSeconds(30))).as("renewed, so still held").isFalse();

        leases.release("job", "a");

        assertThat(leases.tryAcquire("job", "b", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void nodesStartingAtOnceLeaseDistinctNodeIds() {
        List<Leases> nodes = IntStream.range(0, 8).mapToObj(i -> new Leases(connectNode().jdbc(), Clock.systemUTC())).toList();

        List<Integer> ids = Concurrently.run(nodes.size(),
                i -> NodeIdLease.acquire(nodes.get(i), OptionalInt.empty(), "node-" + i).nodeId());

        assertThat(ids).doesNotHaveDuplicates().hasSize(8);
    }

    @Test
    void aNodeIdInUseIsRefusedLoudlyToASecondNode() {
        Leases leases = new Leases(jdbc, Clock.systemUTC());
        NodeIdLease.acquire(leases, OptionalInt.of(5), "first");

        assertThatThrownBy(() -> NodeIdLease.acquire(leases, OptionalInt.of(5), "second"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node id 5 is in use");
    }

    @Test
    void aNodeIdIsFreeForTheNextNodeOnceItsHolderStops() {
        Leases leases = new Leases(jdbc, Clock.systemUTC());
        NodeIdLease.acquire(leases, OptionalInt.of(5), "first").close();

        assertThat(NodeIdLease.acquire(leases, OptionalInt.of(5), "second").nodeId()).isEqualTo(5);
    }

    @Test
    void batchesFromSeveralNodesAddUpInOneMinuteWindow() {
        List<SharedWindows> nodes = IntStream.range(0, 4).mapToObj(i -> (SharedWindows) new JdbcSharedWindows(connectNode().jdbc())).toList();
        long now = clock.millis();

        List<List<Integer>> counts = Concurrently.run(nodes.size(), i -> IntStream.range(0, 10)
                .mapToObj(n -> add(nodes.get(i), 42, now, 3).requests()).toList());

        assertThat(counts.stream().flatMap(List::stream)).as("every batch got its own place in the count")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 40).mapToObj(n -> n * 3).toList());
    }

    @Test
    void nodesAddingManyTokensInDifferentOrdersAtOnceCountEveryRequestOnce() {
        int tokens = 200;
        int calls = 50;
        List<SharedWindows> nodes = IntStream.range(0, 4).mapToObj(i -> (SharedWindows) new JdbcSharedWindows(connectNode().jdbc())).toList();
        long now = clock.millis();
        List<SharedWindows.Counts> ascending = LongStream.rangeClosed(1, tokens).mapToObj(t -> new SharedWindows.Counts(t, now, 1)).toList();
        List<SharedWindows.Counts> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);

        // Without a fixed order of rows in the database, PostgreSQL fails some of these calls as deadlocked.
        List<Integer> answers = Concurrently.run(nodes.size(), i -> IntStream.range(0, calls)
                .map(n -> nodes.get(i).addAll(i % 2 == 0 ? ascending : descending).size()).sum());

        assertThat(answers).as("an answer for each token of each call").containsOnly(calls * tokens);
        assertThat(jdbc.query("SELECT requests FROM rate_windows ORDER BY token_gid", rs -> rs.getInt(1)))
                .hasSize(tokens).containsOnly(nodes.size() * calls);
    }

    @Test
    void theSharedWindowReopensAMinuteAfterItOpened() {
        SharedWindows windows = new JdbcSharedWindows(jdbc);
        long start = clock.millis();
        add(windows, 42, start, 5);
        assertThat(add(windows, 42, start + 59_999, 2)).isEqualTo(new MinuteWindows.Window(start, 7));

        assertThat(add(windows, 42, start + 60_000, 3)).isEqualTo(new MinuteWindows.Window(start + 60_000, 3));
        assertThat(add(windows, 43, start + 60_000, 1).requests()).as("another token's window").isEqualTo(1);
    }

    @Test
    void aBatchFromAWindowThatOpenedEarlierOnAnotherNodeJoinsTheSharedOne() {
        SharedWindows windows = new JdbcSharedWindows(jdbc);
        long start = clock.millis();
        add(windows, 42, start, 5);

        assertThat(add(windows, 42, start - 1_000, 4)).isEqualTo(new MinuteWindows.Window(start, 9));
    }

    /** One token's counts added in a call of their own. */
    private static MinuteWindows.Window add(SharedWindows windows, long tokenGid, long windowStartMillis, int requests) {
        return windows.addAll(List.of(new SharedWindows.Counts(tokenGid, windowStartMillis, requests))).get(tokenGid);
    }
}
