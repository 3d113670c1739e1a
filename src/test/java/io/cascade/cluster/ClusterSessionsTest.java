package io.cascade.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Session reports (deltas, bounds, resync), their leases, forwarding through a middle tier, and the cluster limit. */
class ClusterSessionsTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    static ViewerSession viewer(String id, String server, String user, int max, long openedAt, long bytes) {
        return new ViewerSession(id, "news", "hls", "10.0.0.1", "t" + id, user, max, openedAt, openedAt, bytes,
                "ffmpeg", "", "token=t" + id, server);
    }

    /** Sends {@code reporter}'s next report to {@code to} as the wire would: encoded and decoded. */
    private ReportAnswer deliver(SessionReporter reporter, List<ViewerSession> wanted, ReportedSessions to) throws Exception {
        SessionReport r = reporter.next(wanted, now.get());
        if (r == null) {
            return null;
        }
        assertThat(r.toMessage().payload().length).isLessThanOrEqualTo(SessionReporter.BUDGET);
        ReportAnswer a = to.apply(SessionReport.of(r.toMessage()));
        reporter.delivered(r, a, now.get());
        return a;
    }

    @Test
    void reportsAreDeltasOpenedBytesClosedAndSilentWhenNothingMoved() throws Exception {
        MemorySessions origin = new MemorySessions();
        ReportedSessions table = new ReportedSessions(origin, now::get);
        SessionReporter edge = new SessionReporter("edge");
        List<ViewerSession> wanted = new ArrayList<>(List.of(viewer("a", "edge", "", 0, 1, 100), viewer("b", "edge", "", 0, 2, 200)));

        SessionReport first = edge.next(wanted, now.get());
        assertThat(first.reset()).isTrue();
        assertThat(first.opened()).hasSize(2);
        edge.delivered(first, table.apply(first), now.get());
        assertThat(origin.reportedVia("edge")).hasSize(2);

        now.addAndGet(300);
        assertThat(edge.next(wanted, now.get())).as("nothing new, lease not due").isNull();

        wanted.set(0, viewer("a", "edge", "", 0, 1, 5_000));
        now.addAndGet(800);
        SessionReport bytes = edge.next(wanted, now.get());
        assertThat(bytes.opened()).isEmpty();
        assertThat(bytes.bytes()).hasSize(1);
        edge.delivered(bytes, table.apply(bytes), now.get());
        assertThat(origin.reportedVia("edge").get(new SessionKey("edge", "a")).bytes()).isEqualTo(5_000);

        wanted.remove(1);
        SessionReport closed = edge.next(wanted, now.get());
        assertThat(closed.closed()).hasSize(1);
        edge.delivered(closed, table.apply(closed), now.get());
        assertThat(origin.reportedVia("edge")).containsOnlyKeys(new SessionKey("edge", "a"));

        now.addAndGet(1_000);
        SessionReport heartbeat = edge.next(wanted, now.get());
        assertThat(heartbeat).as("the lease is renewed each second").isNotNull();
        assertThat(heartbeat.opened()).isEmpty();
        assertThat(heartbeat.closed()).isEmpty();
    }

    @Test
    void aLostReportOrAGapMakesTheNextAResetThatRestoresTheWholeState() throws Exception {
        MemorySessions origin = new MemorySessions();
        ReportedSessions table = new ReportedSessions(origin, now::get);
        SessionReporter edge = new SessionReporter("edge");
        List<ViewerSession> wanted = List.of(viewer("a", "edge", "", 0, 1, 1), viewer("b", "edge", "", 0, 1, 1));
        deliver(edge, wanted, table);

        List<ViewerSession> more = List.of(wanted.get(0), wanted.get(1), viewer("c", "edge", "", 0, 1, 1));
        SessionReport lost = edge.next(more, now.get());
        edge.lost(lost);
        // the source never saw it; the next one carries a sequence it cannot follow unless it resets
        SessionReport again = edge.next(more, now.get());
        assertThat(again.reset()).isTrue();
        assertThat(again.opened()).hasSize(3);
        edge.delivered(again, table.apply(again), now.get());
        assertThat(origin.reportedVia("edge")).hasSize(3);

        // a report out of sequence (one in between went missing) is answered with resync
        SessionReport skipped = new SessionReport("edge", again.instance(), again.sequence() + 2, false, List.of(), List.of(), List.of());
        assertThat(table.apply(skipped).resync()).isTrue();
        // and one from a reporter this source does not know (it restarted) too
        assertThat(table.apply(new SessionReport("new", 1, 1, false, List.of(), List.of(), List.of())).resync()).isTrue();
    }

    @Test
    void aReporterThatStopsLosesItsSessionsWhenItsLeaseEnds() throws Exception {
        MemorySessions origin = new MemorySessions();
        ReportedSessions table = new ReportedSessions(origin, now::get);
        deliver(new SessionReporter("edge"), List.of(viewer("a", "edge", "", 0, 1, 1)), table);
        now.addAndGet(ReportedSessions.LEASE_MILLIS - 100);
        table.expire();
        assertThat(origin.reported()).hasSize(1);
        now.addAndGet(200);
        table.expire();
        assertThat(origin.reported()).isEmpty();
        assertThat(table.all()).isEmpty();
    }

    @Test
    void aReportStaysWithinItsBudgetAndWhatDoesNotFitFollows() throws Exception {
        MemorySessions origin = new MemorySessions();
        ReportedSessions table = new ReportedSessions(origin, now::get);
        SessionReporter edge = new SessionReporter("edge");
        List<ViewerSession> wanted = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            wanted.add(viewer("s" + i, "edge", "u" + i, 0, 1, 1_000));
        }
        int reports = 0;
        while (origin.reported().size() < wanted.size()) {
            assertThat(deliver(edge, wanted, table)).isNotNull();
            reports++;
        }
        assertThat(reports).as("50 000 opened sessions in under a hundred 60 KB reports (4 a second: under 25 s)").isBetween(20, 100);

        // steady state: every viewer's bytes move each second; each report stays bounded and every count still moves
        for (int sec = 0; sec < 12; sec++) {
            now.addAndGet(1_000);
            long b = 1_000 + 250_000L * (sec + 1);
            wanted.replaceAll(s -> s.withBytes(b, now.get()));
            SessionReport r = edge.next(wanted, now.get());
            assertThat(r.toMessage().payload().length).isLessThanOrEqualTo(SessionReporter.BUDGET);
            edge.delivered(r, table.apply(SessionReport.of(r.toMessage())), now.get());
        }
        long stale = origin.reported().stream().filter(s -> s.bytes() == 1_000).count();
        assertThat(stale).as("each session's bytes reported within 12 s").isZero();
    }

    @Test
    void aMiddleTierForwardsWhatItsLowerTierReportsKeepingTheServerOfEach() throws Exception {
        MemorySessions originSink = new MemorySessions();
        ReportedSessions origin = new ReportedSessions(originSink, now::get);
        ReportedSessions mid = new ReportedSessions(SessionSink.NONE, now::get);
        SessionReporter edge = new SessionReporter("edge");
        SessionReporter midUp = new SessionReporter("mid");
        deliver(edge, List.of(viewer("a", "edge", "", 0, 1, 1)), mid);
        List<ViewerSession> midWanted = new ArrayList<>(mid.all());
        midWanted.add(viewer("a", "mid", "", 0, 1, 1)); // the same id on another server is another session
        deliver(midUp, midWanted, origin);
        assertThat(originSink.reportedVia("mid")).containsOnlyKeys(new SessionKey("edge", "a"), new SessionKey("mid", "a"));
    }

    @Test
    void theNewestSessionsOfAUserOverItsLimitAreCutAcrossServers() {
        List<ViewerSession> all = List.of(
                viewer("1", "edgeA", "alice", 1, 1_000, 0),
                viewer("2", "edgeB", "alice", 1, 2_000, 0),
                viewer("3", "edgeB", "bob", 2, 1_000, 0),
                viewer("4", "edgeA", "bob", 2, 3_000, 0),
                viewer("5", "edgeA", "carol", 0, 1_000, 0),
                viewer("6", "edgeB", "carol", 0, 2_000, 0),
                viewer("7", "edgeA", "", 1, 1_000, 0),
                viewer("8", "edgeB", "", 1, 2_000, 0),
                viewer("9", "edgeA", "dave", 3, 1_000, 0),
                viewer("10", "edgeA", "dave", 1, 2_000, 0),
                viewer("11", "edgeB", "dave", 3, 3_000, 0));
        assertThat(ClusterSessionLimit.overLimit(all)).containsExactlyInAnyOrder(
                new SessionKey("edgeB", "2"), new SessionKey("edgeB", "11"), new SessionKey("edgeA", "10"));
    }

    @Test
    void aCutGoesToTheReporterThatHoldsTheSessionInItsNextAnswerAndOnlyOnce() throws Exception {
        ReportedSessions table = new ReportedSessions(SessionSink.NONE, now::get);
        SessionReporter edgeA = new SessionReporter("edgeA");
        SessionReporter edgeB = new SessionReporter("edgeB");
        deliver(edgeA, List.of(viewer("x", "edgeA", "u", 1, 1, 0)), table);
        deliver(edgeB, List.of(viewer("y", "edgeB", "u", 1, 2, 0)), table);
        assertThat(table.cut(new SessionKey("edgeB", "y"))).isTrue();
        assertThat(table.cut(new SessionKey("edgeC", "z"))).as("held by nobody").isFalse();
        now.addAndGet(1_000);
        assertThat(deliver(edgeA, List.of(viewer("x", "edgeA", "u", 1, 1, 0)), table).cuts()).isEmpty();
        assertThat(deliver(edgeB, List.of(viewer("y", "edgeB", "u", 1, 2, 0)), table).cuts())
                .containsExactly(new SessionKey("edgeB", "y"));
        now.addAndGet(1_000);
        assertThat(deliver(edgeB, List.of(viewer("y", "edgeB", "u", 1, 2, 0)), table).cuts()).isEmpty();
    }

    @Test
    void theOriginCutsItsOwnSessionsLocallyAndOthersThroughTheirReporter() throws Exception {
        MemorySessions local = new MemorySessions();
        ReportedSessions table = new ReportedSessions(SessionSink.NONE, now::get);
        ClusterSessions origin = new ClusterSessions("origin", local, table, true, name -> java.util.Optional.empty());
        local.open(viewer("mine", "", "u", 1, 5_000, 0));
        SessionReporter edge = new SessionReporter("edge");
        deliver(edge, List.of(viewer("far", "edge", "u", 1, 1_000, 0)), table);
        origin.tick(now.get());
        assertThat(local.cuts).containsExactly("mine");
        // the newer one was ours; now the edge's session is alone within the limit
        origin.tick(now.get());
        assertThat(local.cuts).hasSize(1);

        local.open(viewer("mine2", "", "v", 1, 1_000, 0));
        deliver(edge, List.of(viewer("far", "edge", "u", 1, 1_000, 0), viewer("far2", "edge", "v", 1, 9_000, 0)), table);
        origin.tick(now.get());
        now.addAndGet(1_000);
        assertThat(deliver(edge, List.of(viewer("far", "edge", "u", 1, 1_000, 0), viewer("far2", "edge", "v", 1, 9_000, 0)), table).cuts())
                .containsExactly(new SessionKey("edge", "far2"));
    }

    @Test
    void theReportersHeldAreBounded() {
        MemorySessions sink = new MemorySessions();
        ReportedSessions table = new ReportedSessions(sink, now::get);
        List<ViewerSession> one = List.of(viewer("a", "x", "", 0, 1, 1));
        for (int i = 0; i < ReportedSessions.MAX_REPORTERS + 5; i++) {
            table.apply(new SessionReport("r" + i, 1, 1, true,
                    List.of(new SessionReport.Opened(1, one.get(0).onServer("r" + i))), List.of(), List.of()));
        }
        assertThat(table.all()).hasSize(ReportedSessions.MAX_REPORTERS);
    }
}
