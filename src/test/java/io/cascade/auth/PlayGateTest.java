package io.cascade.auth;

import io.cascade.config.InputConfig;
import io.cascade.config.PlayAccess;
import io.cascade.config.Position;
import io.cascade.config.StreamConfig;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;
import io.cascade.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class PlayGateTest {
    /** A backend whose answers the test gives, one per request, when it wants. */
    static final class FakeBackend implements AuthBackend {
        final List<URI> asked = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<BackendAnswer>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<BackendAnswer> ask(URI request) {
            asked.add(request);
            CompletableFuture<BackendAnswer> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        void answer(int status, String... headers) {
            Map<String, List<String>> h = new java.util.HashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                h.put(headers[i], List.of(headers[i + 1]));
            }
            pending.remove(0).complete(BackendAnswer.of(status, HttpHeaders.of(h, (a, b) -> true)));
        }

        void fail() {
            pending.remove(0).complete(BackendAnswer.failed("timed out"));
        }
    }

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final SessionRegistry sessions = new SessionRegistry("here:80", clock::get, 30_000, 10_000);
    private final FakeBackend backend = new FakeBackend();
    private final Map<String, StreamConfig> streams = Map.of(
            "open", stream("open", Optional.empty(), PlayAccess.OPEN),
            "news", stream("news", Optional.of("http://auth.test/check?site=1"), PlayAccess.OPEN),
            "lenient", stream("lenient", Optional.of("http://auth.test/check"), PlayAccess.OPEN.withAllowDefault(true)),
            "hlsonly", stream("hlsonly", Optional.empty(), PlayAccess.OPEN.withProtocols(Set.of("hls"))));
    private final PlayGate gate = new PlayGate(sessions, n -> Optional.ofNullable(streams.get(n)), backend,
            new SimpleMeterRegistry());

    private static StreamConfig stream(String name, Optional<String> onPlay, PlayAccess access) {
        return new StreamConfig(name, List.of(InputConfig.of("publish://", Map.of())), true, Optional.empty(), onPlay,
                Optional.empty(), OptionalDouble.empty(), new Position("t", 1, 1), access);
    }

    private static PlayRequest hls(String stream, String token) {
        return new PlayRequest(stream, "hls", "1.1.1.1", Optional.ofNullable(token), Optional.empty(), "token=" + token,
                "ua", "", "host", false);
    }

    private static PlayRequest rtmp(String stream, String token) {
        return new PlayRequest(stream, "rtmp", "1.1.1.1", Optional.ofNullable(token), Optional.empty(), "", "", "", "",
                true);
    }

    @Test
    void withoutOnPlayEveryViewerIsCountedAndNoBackendAsked() {
        Admission a = gate.admit(hls("open", null)).join();
        assertThat(a).isInstanceOf(Admission.Granted.class);
        assertThat(sessions.localByProto("open")).containsEntry("hls", 1);
        assertThat(gate.admit(hls("nosuch", null)).join()).isEqualTo(new Admission.Refused(404, "no stream nosuch"));
        assertThat(backend.asked).isEmpty();
    }

    @Test
    void aProtocolSwitchedOffIsRefused() {
        assertThat(gate.admit(hls("hlsonly", null)).join()).isInstanceOf(Admission.Granted.class);
        Admission a = gate.admit(rtmp("hlsonly", null)).join();
        assertThat(a).isInstanceOfSatisfying(Admission.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void concurrentRequestsOfOneSessionMakeOneBackendRequestAndTheGrantIsCached() {
        CompletableFuture<Admission> a = gate.admit(hls("news", "t1"));
        CompletableFuture<Admission> b = gate.admit(hls("news", "t1"));
        CompletableFuture<Admission> c = gate.admit(hls("news", "t1"));
        assertThat(backend.asked).hasSize(1);
        assertThat(a).isNotDone();
        backend.answer(200, "X-AuthDuration", "10");
        assertThat(List.of(a.join(), b.join(), c.join())).allMatch(x -> x instanceof Admission.Granted);
        assertThat(gate.admit(hls("news", "t1")).join()).isInstanceOf(Admission.Granted.class);
        assertThat(backend.asked).hasSize(1);
        URI first = backend.asked.getFirst();
        assertThat(first.toString()).startsWith("http://auth.test/check?site=1&name=news&proto=hls&ip=1.1.1.1"
                + "&token=t1&session_id=").contains("&request_type=new_session&request_number=0&",
                "&qs=token%3Dt1&user_agent=ua&referer=&host=host");
    }

    @Test
    void aGrantIsAskedAgainOnlyAfterItsDurationAndADenialThenCutsTheSession() {
        gate.admit(hls("news", "t2"));
        backend.answer(200, "X-AuthDuration", "10");
        Session s = sessions.active().getFirst();
        clock.addAndGet(9_000);
        gate.sweep();
        assertThat(backend.asked).hasSize(1);
        clock.addAndGet(1_000);
        gate.sweep();
        gate.sweep();
        assertThat(backend.asked).as("one re-check in flight at a time").hasSize(2);
        assertThat(backend.asked.get(1).toString()).contains("request_type=update_session", "request_number=1");
        assertThat(gate.admit(hls("news", "t2")).join()).as("a re-check never holds a request")
                .isInstanceOf(Admission.Granted.class);
        backend.answer(403);
        assertThat(s.isCut()).isTrue();
        assertThat(gate.admit(hls("news", "t2")).join()).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void aDenialIsCachedForItsDuration() {
        CompletableFuture<Admission> a = gate.admit(hls("news", "bad"));
        backend.answer(403, "X-AuthDuration", "5");
        assertThat(a.join()).isInstanceOfSatisfying(Admission.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
        assertThat(gate.admit(hls("news", "bad")).join()).isInstanceOf(Admission.Refused.class);
        assertThat(backend.asked).hasSize(1);
        assertThat(sessions.size()).as("a denied viewer holds no session").isZero();
        clock.addAndGet(5_000);
        gate.admit(hls("news", "bad"));
        assertThat(backend.asked).hasSize(2);
    }

    @Test
    void aFailingBackendLetsGrantedSessionsOnAndRefusesNewOnesUnlessAllowDefault() {
        gate.admit(hls("news", "ok"));
        backend.answer(200, "X-AuthDuration", "2");
        Session granted = sessions.active().getFirst();
        clock.addAndGet(2_000);
        gate.sweep();
        backend.fail();
        assertThat(granted.isCut()).isFalse();
        assertThat(granted.grantedUntil()).isEqualTo(clock.get() + PlayGate.RETRY_MILLIS);

        CompletableFuture<Admission> fresh = gate.admit(hls("news", "new"));
        backend.fail();
        assertThat(fresh.join()).isInstanceOf(Admission.Refused.class);
        CompletableFuture<Admission> again = gate.admit(hls("news", "new"));
        assertThat(backend.asked).as("a failure is not cached as a denial").hasSize(4);
        backend.answer(503);
        assertThat(again.join()).isInstanceOf(Admission.Refused.class);

        CompletableFuture<Admission> lenient = gate.admit(hls("lenient", "new"));
        backend.fail();
        assertThat(lenient.join()).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void aUserOverMaxSessionsLosesItsNewestSessionAndItsTokenIsRefused() {
        CompletableFuture<Admission> a = gate.admit(rtmp("news", "ua"));
        backend.answer(200, "X-UserId", "u1", "X-Max-Sessions", "1", "X-AuthDuration", "20");
        Session first = ((Admission.Granted) a.join()).session();
        clock.addAndGet(1);
        CompletableFuture<Admission> b = gate.admit(hls("news", "ub"));
        backend.answer(200, "X-UserId", "u1", "X-Max-Sessions", "1", "X-AuthDuration", "20");
        assertThat(b.join()).isInstanceOf(Admission.Refused.class);
        assertThat(first.isCut()).isFalse();
        assertThat(gate.admit(rtmp("news", "ub")).join()).as("its token").isInstanceOf(Admission.Refused.class);
        assertThat(backend.asked).hasSize(2);
        clock.addAndGet(20_000);
        gate.sweep();
        assertThat(backend.asked).as("the first session's re-check").hasSize(3);
        backend.answer(200, "X-UserId", "u1", "X-Max-Sessions", "1", "X-AuthDuration", "20");
        gate.admit(rtmp("news", "ub"));
        assertThat(backend.asked).as("refused for X-AuthDuration only").hasSize(4);
    }

    @Test
    void uniqueClosesTheUsersOtherSessions() {
        CompletableFuture<Admission> a = gate.admit(rtmp("news", "x1"));
        backend.answer(200, "X-UserId", "u2");
        Session first = ((Admission.Granted) a.join()).session();
        CompletableFuture<Admission> b = gate.admit(rtmp("news", "x2"));
        backend.answer(200, "X-UserId", "u2", "X-Unique", "true");
        assertThat(b.join()).isInstanceOf(Admission.Granted.class);
        assertThat(first.isCut()).isTrue();
    }

    @Test
    void reauthAsksAgainForEveryOpenSessionOfTheStream() {
        gate.admit(hls("news", "r1"));
        backend.answer(200);
        gate.admit(rtmp("news", "r2"));
        backend.answer(200);
        gate.admit(hls("open", null));
        assertThat(gate.reauth("news")).isEqualTo(2);
        assertThat(backend.asked).hasSize(4);
        backend.answer(200);
        backend.answer(403);
        assertThat(sessions.active(s -> s.stream().equals("news"))).hasSize(1);
    }
}
