package io.cascade.sessioncluster;

import io.cascade.cluster.SessionKey;
import io.cascade.cluster.ViewerSession;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;
import io.cascade.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionAdaptersTest {
    long now = 1_000_000;
    final SessionRegistry registry = new SessionRegistry("origin:80", () -> now, 30_000, 10_000);

    static PlayRequest hls(String stream, String token) {
        return new PlayRequest(stream, "hls", "10.0.0.1", Optional.of(token), Optional.empty(), "token=" + token,
                "ffmpeg", "", "", false);
    }

    @Test
    void onlyAdmittedLocalSessionsAreReportedWithTheirUserAndLimit() {
        LocalSessions source = new LocalSessions(registry);
        Session s = registry.open(hls("news", "t1")).session();
        assertThat(source.sessions()).as("the backend has not answered yet").isEmpty();
        s.setUserId("u1");
        s.setMaxSessions(2);
        s.markAdmitted();
        s.sent(1234);
        List<ViewerSession> listed = source.sessions();
        assertThat(listed).hasSize(1);
        ViewerSession v = listed.get(0);
        assertThat(v.id()).isEqualTo(s.id());
        assertThat(v.userId()).isEqualTo("u1");
        assertThat(v.maxSessions()).isEqualTo(2);
        assertThat(v.bytes()).isEqualTo(1234);
        assertThat(v.token()).isEqualTo("t1");
        source.cut(s.id());
        assertThat(s.isCut()).isTrue();
        assertThat(source.sessions()).isEmpty();
    }

    @Test
    void reportedSessionsAreListedWithTheirServerAndGoWithTheirReporter() {
        List<SessionKey> cutDown = new ArrayList<>();
        ReportedSessionSink sink = new ReportedSessionSink(registry, cutDown::add, () -> now);
        ViewerSession a = new ViewerSession("a1", "news", "hls", "10.0.0.2", "tok", "u1", 1, now - 5, now, 10, "vlc",
                "", "", "edge-a:80");
        ViewerSession b = new ViewerSession("b1", "news", "rtmp", "10.0.0.3", "", "", 0, now - 5, now, 20, "",
                "", "", "edge-b:80");
        sink.upsert("mid:80", List.of(a, b));
        assertThat(registry.active()).extracting(Session::id, Session::server, Session::isLocal)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a1", "edge-a:80", false),
                        org.assertj.core.groups.Tuple.tuple("b1", "edge-b:80", false));
        assertThat(registry.find("a1").orElseThrow().maxSessions()).isEqualTo(1);
        assertThat(registry.clusterCount("news")).isEqualTo(2);
        assertThat(registry.localCount("news")).isZero();
        sink.upsert("mid:80", List.of(a.withBytes(99, now)));
        assertThat(registry.find("a1").orElseThrow().bytes()).isEqualTo(99);
        now += 4_000;
        sink.upsert("mid:80", List.of());
        assertThat(registry.find("b1").orElseThrow().updatedAt()).as("unchanged ones reported again").isEqualTo(now);
        sink.remove("mid:80", List.of(new SessionKey("edge-b:80", "b1")));
        assertThat(registry.find("b1")).isEmpty();
        registry.cut("a1");
        assertThat(cutDown).as("a DELETE here goes down to the viewer's server").containsExactly(new SessionKey("edge-a:80", "a1"));
        now += 4_000;
        sink.upsert("mid:80", List.of());
        assertThat(registry.active()).as("a cut session is not reported again from here").isEmpty();
        sink.upsert("mid:80", List.of(b));
        sink.expire("mid:80");
        assertThat(registry.active()).isEmpty();
    }
}
