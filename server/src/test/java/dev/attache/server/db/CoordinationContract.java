package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.attache.server.ids.NodeIdLease;
import dev.attache.server.ratelimit.JdbcMinuteWindows;
import dev.attache.server.ratelimit.MinuteWindows;
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
    void requestsOnSeveralNodesCountAgainstOneMinuteWindow() {
        List<MinuteWindows> nodes = IntStream.range(0, 4).mapToObj(i -> (MinuteWindows) new JdbcMinuteWindows(connectNode().jdbc())).toList();
        long now = clock.millis();

        List<List<Integer>> counts = Concurrently.run(nodes.size(), i -> IntStream.range(0, 10)
                .mapToObj(n -> nodes.get(i).count(42, now).requests()).toList());

        assertThat(counts.stream().flatMap(List::stream)).as("every request got its own place in the count")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
    }

    @Test
    void theSharedWindowReopensAMinuteAfterItsFirstRequest() {
        MinuteWindows windows = new JdbcMinuteWindows(jdbc);
        long start = clock.millis();
        windows.count(42, start);
        assertThat(windows.count(42, start + 59_999)).isEqualTo(new MinuteWindows.Window(start, 2));

        assertThat(windows.count(42, start + 60_000)).isEqualTo(new MinuteWindows.Window(start + 60_000, 1));
        assertThat(windows.count(43, start + 60_000).requests()).as("another token's window").isEqualTo(1);
    }
}
