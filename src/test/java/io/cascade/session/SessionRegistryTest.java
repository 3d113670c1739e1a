package io.cascade.session;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final SessionRegistry registry = new SessionRegistry("edge1:80", clock::get, 30_000, 10_000);

    static PlayRequest http(String stream, String ip, String token, String session) {
        return new PlayRequest(stream, "hls", ip, Optional.ofNullable(token), Optional.ofNullable(session), "", "ua", "",
                "", false);
    }

    static PlayRequest rtmp(String stream, String ip) {
        return new PlayRequest(stream, "rtmp", ip, Optional.empty(), Optional.empty(), "", "", "", "", true);
    }

    @Test
    void anHttpViewerIsOneSessionByKeyOrByTheIdItWasHanded() {
        SessionRegistry.Lookup first = registry.open(http("news", "1.1.1.1", null, null));
        assertThat(first.created()).isTrue();
        assertThat(first.session().server()).isEqualTo("edge1:80");
        assertThat(registry.open(http("news", "1.1.1.1", null, null)).session()).isSameAs(first.session());
        assertThat(registry.open(http("news", "1.1.1.1", null, first.session().id())).session())
                .isSameAs(first.session());
        assertThat(registry.open(http("news", "1.1.1.1", "abc", null)).session()).isNotSameAs(first.session());
        assertThat(registry.open(http("news", "2.2.2.2", null, null)).session()).isNotSameAs(first.session());
        // an id handed on to one viewer does not make another address that viewer
        assertThat(registry.open(http("news", "3.3.3.3", null, first.session().id())).session())
                .isNotSameAs(first.session());
        assertThat(registry.localByProto("news")).containsEntry("hls", 4);
    }

    @Test
    void httpSessionsEndWhenIdleAndConnectionsWhenClosed() {
        Session h = registry.open(http("news", "1.1.1.1", null, null)).session();
        Session r = registry.open(rtmp("news", "1.1.1.1")).session();
        assertThat(registry.open(rtmp("news", "1.1.1.1")).session()).as("each connection its own").isNotSameAs(r);
        h.sent(1000);
        clock.addAndGet(20_000);
        registry.open(http("news", "1.1.1.1", null, null));
        clock.addAndGet(20_000);
        registry.expire();
        assertThat(registry.find(h.id())).as("touched 20 s ago").isPresent();
        clock.addAndGet(11_000);
        registry.expire();
        assertThat(registry.find(h.id())).isEmpty();
        assertThat(registry.find(r.id())).as("a connection is not idle-timed").isPresent();
        registry.close(r);
        assertThat(registry.find(r.id())).isEmpty();
        assertThat(registry.bytesOut("news")).as("ended sessions' bytes stay counted").isEqualTo(1000);
    }

    @Test
    void aCutSessionRunsItsCutOnceAndStaysRefusedUntilIdle() {
        Session r = registry.open(rtmp("news", "1.1.1.1")).session();
        AtomicInteger closed = new AtomicInteger();
        r.onCut(closed::incrementAndGet);
        assertThat(registry.cut(r.id())).isTrue();
        assertThat(registry.cut(r.id())).isFalse();
        assertThat(closed).hasValue(1);
        Session h = registry.open(http("news", "1.1.1.1", "t", null)).session();
        registry.cut(h.id());
        assertThat(registry.open(http("news", "1.1.1.1", "t", null)).session()).isSameAs(h);
        assertThat(registry.active()).doesNotContain(h, r);
        clock.addAndGet(31_000);
        registry.expire();
        assertThat(registry.open(http("news", "1.1.1.1", "t", null)).session().isCut()).isFalse();
        AtomicInteger late = new AtomicInteger();
        r.onCut(late::incrementAndGet);
        assertThat(late).as("a cut registered after the cut runs at once").hasValue(1);
    }

    @Test
    void sessionsReportedFromElsewhereAreListedUpdatedAndEndWhenNoLongerReported() {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.addListener(new SessionRegistry.Listener() {
            @Override
            public void opened(Session s) {
                events.add("opened " + s.id());
            }

            @Override
            public void closed(Session s) {
                events.add("closed " + s.id());
            }
        });
        SessionRecord remote = new SessionRecord("r1", "news", "dash", "9.9.9.9", Optional.of("tok"),
                Optional.of("u1"), "edge2:80", 5, 6, 100, "ua", "", "token=tok");
        Session s = registry.report(remote);
        assertThat(s.isLocal()).isFalse();
        assertThat(s.server()).isEqualTo("edge2:80");
        registry.report(new SessionRecord("r1", "news", "dash", "9.9.9.9", Optional.of("tok"), Optional.of("u1"),
                "edge2:80", 5, 9, 250, "ua", "", "token=tok"));
        assertThat(registry.find("r1").orElseThrow().bytes()).isEqualTo(250);
        assertThat(registry.active(x -> "u1".equals(x.userId().orElse(null)))).hasSize(1);
        assertThat(registry.localCount()).as("not this server's viewer").isZero();
        clock.addAndGet(10_001);
        registry.expire();
        assertThat(registry.find("r1")).isEmpty();
        assertThat(events).containsExactly("opened r1", "closed r1");
    }

    @Test
    void watchingCountsFollowOpensCutsAndClosesOnce() {
        Session a = registry.open(rtmp("news", "1.1.1.1")).session();
        Session b = registry.open(http("news", "1.1.1.1", null, null)).session();
        registry.open(http("sport", "1.1.1.1", null, null));
        assertThat(registry.localCount()).isEqualTo(3);
        assertThat(registry.localCount("news")).isEqualTo(2);
        registry.cut(a.id());
        registry.close(a);
        assertThat(registry.localCount("news")).as("cut then closed counts once").isEqualTo(1);
        registry.close(b);
        b.cut();
        assertThat(registry.localCount("news")).isZero();
        assertThat(registry.localCount()).isEqualTo(1);
        registry.report(new SessionRecord("r", "news", "hls", "9.9.9.9", Optional.empty(), Optional.empty(),
                "other:80", 1, 1, 0, "", "", ""));
        assertThat(registry.localCount("news")).as("reported sessions are not this server's").isZero();
    }

    @Test
    void peersStringsAreBoundedWhereTheyEnter() {
        String huge = "x".repeat(100_000);
        PlayRequest r = new PlayRequest("news", "hls", "1.1.1.1", Optional.of(huge), Optional.empty(), huge, huge,
                huge, huge, false);
        assertThat(r.token().orElseThrow()).hasSize(PlayRequest.MAX_TEXT);
        assertThat(r.userAgent()).hasSize(PlayRequest.MAX_TEXT);
        assertThat(r.queryString()).hasSize(PlayRequest.MAX_TEXT);
    }
}
