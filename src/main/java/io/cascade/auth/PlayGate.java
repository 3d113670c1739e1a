package io.cascade.auth;

import io.cascade.config.PlayAccess;
import io.cascade.config.StreamConfig;
import io.cascade.net.PeerText;
import io.cascade.net.RateLimitedLog;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;
import io.cascade.session.SessionKey;
import io.cascade.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one admission point of every protocol. {@link #admit} applies the stream's
 * {@code protocols}, finds or opens the viewer's session and, when the stream has an
 * {@code on_play} URL, asks that backend once for a new session; granted sessions are asked again
 * by {@link #sweep} once their {@code X-AuthDuration} is over (a request never waits for a
 * re-check). One backend request per session at a time: concurrent viewers of one session share it.
 *
 * <p>Backend down, timing out or failing (5xx): granted sessions go on (asked again in
 * {@link #RETRY_MILLIS}); new ones are refused unless the stream says {@code on_play URL
 * allow_default;}. A denial is cached for its duration by session key; a user over
 * {@code X-Max-Sessions} loses its newest sessions, whose tokens are then refused as long.
 *
 * <p>Callers (a protocol's admission of a viewer): build a {@link PlayRequest}, call
 * {@link #admit}, and when the future completes either refuse ({@link Admission.Refused#status})
 * or play, counting bytes with {@link Session#sent} / {@link Session#countBytesFrom}, registering
 * how to end the viewer with {@link Session#onCut}, and calling {@link #closed} when a persistent
 * connection ends. The future may complete on any thread.
 */
public final class PlayGate {
    private static final Logger log = LoggerFactory.getLogger(PlayGate.class);
    /** How soon a granted session whose re-check failed is asked again. */
    static final long RETRY_MILLIS = 5_000;

    private final SessionRegistry sessions;
    private final Function<String, Optional<StreamConfig>> streams;
    private final AuthBackend backend;
    private final Map<String, CompletableFuture<Admission>> inFlight = new ConcurrentHashMap<>();
    private final TimedRefusals<SessionKey> denied = new TimedRefusals<>();
    private final TimedRefusals<String> bannedTokens = new TimedRefusals<>();
    private final RateLimitedLog refusalLog = new RateLimitedLog(log, 10_000);
    private final Counter allowed;
    private final Counter deniedCount;
    private final Counter failed;
    private final MeterRegistry meters;
    private final Timer latency;

    public PlayGate(SessionRegistry sessions, Function<String, Optional<StreamConfig>> streams, AuthBackend backend,
                    MeterRegistry meters) {
        this.sessions = sessions;
        this.streams = streams;
        this.backend = backend;
        this.meters = meters;
        this.allowed = backendCounter(meters, "allow");
        this.deniedCount = backendCounter(meters, "deny");
        this.failed = backendCounter(meters, "error");
        this.latency = Timer.builder("auth.backend.latency").description("on_play backend request time")
                .register(meters);
    }

    private static Counter backendCounter(MeterRegistry meters, String result) {
        return Counter.builder("auth.backend.requests").tag("result", result)
                .description("on_play backend requests by what they answered").register(meters);
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** May this viewer play? Completes at once unless the backend must be asked. */
    public CompletableFuture<Admission> admit(PlayRequest r) {
        Optional<StreamConfig> config = streams.apply(r.stream());
        if (config.isEmpty()) {
            return refused(r, 404, "no stream " + r.stream(), "no_stream");
        }
        PlayAccess access = config.get().access();
        if (!access.allows(r.proto())) {
            logRefusal(r, "protocol " + r.proto() + " is switched off for this stream");
            return refused(r, 403, "protocol " + r.proto() + " is switched off for stream " + r.stream(), "protocol");
        }
        long now = sessions.now();
        if (r.token().isPresent() && bannedTokens.isRefused(r.token().get(), now)) {
            return refused(r, 403, "this token has too many sessions", "max_sessions");
        }
        if (denied.isRefused(r.key(), now)) {
            return refused(r, 403, "play of " + r.stream() + " denied", "denied_cached");
        }
        Session s = sessions.open(r).session();
        if (s.isCut()) {
            return refused(r, 403, "this session of " + r.stream() + " was closed", "closed");
        }
        Optional<String> onPlay = config.get().onPlay();
        if (onPlay.isEmpty() || s.grantedUntil() != Long.MIN_VALUE) {
            s.markAdmitted();
            return CompletableFuture.completedFuture(new Admission.Granted(s));
        }
        return check(s, onPlay.get(), access, BackendQuery.Type.NEW);
    }

    /** A persistent connection's session ended (the connection closed). */
    public void closed(Session s) {
        sessions.close(s);
    }

    /**
     * Drops the cached decisions of {@code stream} and asks the backend again for each of its open
     * sessions; those it now denies are cut.
     *
     * @return how many sessions are asked again
     */
    public int reauth(String stream) {
        denied.forget(k -> k.stream().equals(stream));
        Optional<StreamConfig> config = streams.apply(stream);
        if (config.isEmpty() || config.get().onPlay().isEmpty()) {
            return 0;
        }
        List<Session> open = sessions.active(s -> s.isLocal() && s.stream().equals(stream));
        open.forEach(s -> check(s, config.get().onPlay().get(), config.get().access(), BackendQuery.Type.UPDATE));
        return open.size();
    }

    /**
     * Ends idle sessions and re-checks granted ones whose decision is over. Called about once a
     * second; never waits for the backend.
     */
    public void sweep() {
        sessions.expire();
        long now = sessions.now();
        denied.purge(now);
        bannedTokens.purge(now);
        for (Session s : sessions.active(Session::isLocal)) {
            long until = s.grantedUntil();
            if (until == Long.MIN_VALUE || until > now || inFlight.containsKey(s.id())) {
                continue;
            }
            Optional<StreamConfig> config = streams.apply(s.stream());
            if (config.isEmpty()) {
                continue;
            }
            if (config.get().onPlay().isEmpty()) {
                s.grantUntil(Long.MIN_VALUE);
                continue;
            }
            check(s, config.get().onPlay().get(), config.get().access(), BackendQuery.Type.UPDATE);
        }
    }

    /**
     * Cuts the newest of this server's own sessions of {@code userId} beyond {@code max},
     * refusing their tokens for {@code holdMillis}. Sessions other servers report are the
     * cluster's to cut ({@code cluster.ClusterSessionLimit} on the origin), which reaches the
     * server the viewer watches on; cutting them here would only hide them.
     */
    public void limitUser(String userId, int max, long holdMillis) {
        List<Session> of = sessions.active(s -> s.isLocal() && userId.equals(s.userId().orElse(null)));
        if (of.size() <= max) {
            return;
        }
        long now = sessions.now();
        for (Session over : of.subList(max, of.size())) {
            log.info("{}: user {} is over its {} sessions, closing it", over, PeerText.escape(userId), max);
            over.request().token().ifPresent(t -> bannedTokens.refuse(t, now + holdMillis, now));
            sessions.cut(over.id());
        }
    }

    private CompletableFuture<Admission> check(Session s, String url, PlayAccess access, BackendQuery.Type type) {
        CompletableFuture<Admission> mine = new CompletableFuture<>();
        CompletableFuture<Admission> running = inFlight.putIfAbsent(s.id(), mine);
        if (running != null) {
            return running.copy();
        }
        long now = sessions.now();
        var uri = BackendQuery.of(url, s, type, s.nextRequestNumber(), sessions.localCount(s.stream()),
                sessions.localCount(), now);
        long started = System.nanoTime();
        backend.ask(uri).whenComplete((answer, err) -> {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Admission a;
            try {
                a = decide(s, access, type, err != null ? BackendAnswer.failed(err.toString()) : answer);
            } catch (RuntimeException e) {
                log.warn("{}: authorization failed: {}", s, e.toString());
                a = new Admission.Refused(500, "authorization failed");
            }
            if (a instanceof Admission.Granted) {
                s.markAdmitted();
            }
            inFlight.remove(s.id(), mine);
            mine.complete(a);
        });
        return mine.copy();
    }

    private Admission decide(Session s, PlayAccess access, BackendQuery.Type type, BackendAnswer answer) {
        long now = sessions.now();
        long holdMillis = answer.durationSeconds() * 1000;
        PlayRequest r = s.request();
        switch (answer.verdict()) {
            case ALLOW -> {
                allowed.increment();
                s.grantUntil(now + holdMillis);
                answer.userId().ifPresent(s::setUserId);
                if (answer.userId().isPresent() && answer.unique()) {
                    closeOthers(s, answer.userId().get());
                }
                answer.maxSessions().ifPresent(s::setMaxSessions);
                if (answer.userId().isPresent() && answer.maxSessions().isPresent()) {
                    limitUser(answer.userId().get(), answer.maxSessions().getAsInt(), holdMillis);
                }
                if (s.isCut()) {
                    logRefusal(r, "too many sessions for user " + PeerText.escape(answer.userId().orElse("")));
                    return refusal(403, "too many sessions", "max_sessions");
                }
                return new Admission.Granted(s);
            }
            case DENY -> {
                deniedCount.increment();
                logRefusal(r, answer.describe());
                if (type == BackendQuery.Type.NEW) {
                    denied.refuse(r.key(), now + holdMillis, now);
                    sessions.close(s);
                } else {
                    sessions.cut(s.id());
                }
                return refusal(403, "play of " + r.stream() + " denied", "denied");
            }
            default -> {
                failed.increment();
                if (type == BackendQuery.Type.UPDATE || s.grantedUntil() != Long.MIN_VALUE) {
                    refusalLog.warn("stream " + r.stream() + ": on_play " + answer.describe() + "; its viewers go on");
                    s.grantUntil(now + RETRY_MILLIS);
                    return new Admission.Granted(s);
                }
                if (access.allowDefault()) {
                    refusalLog.warn("stream " + r.stream() + ": on_play " + answer.describe()
                            + "; new viewers let in (allow_default)");
                    s.grantUntil(now + RETRY_MILLIS);
                    return new Admission.Granted(s);
                }
                logRefusal(r, answer.describe());
                sessions.close(s);
                return refusal(403, "authorization unavailable for " + r.stream(), "backend_error");
            }
        }
    }

    private void closeOthers(Session keep, String userId) {
        for (Session other : sessions.active(s -> userId.equals(s.userId().orElse(null)) && s != keep)) {
            log.info("{}: user {} opened another session (X-Unique), closing this one", other, PeerText.escape(userId));
            sessions.cut(other.id());
        }
    }

    private CompletableFuture<Admission> refused(PlayRequest r, int status, String reason, String why) {
        return CompletableFuture.completedFuture(refusal(status, reason, why));
    }

    private Admission refusal(int status, String reason, String why) {
        Counter.builder("play.refusals").tag("reason", why).description("viewers refused, by why")
                .register(meters).increment();
        return new Admission.Refused(status, reason);
    }

    private static void logRefusal(PlayRequest r, String why) {
        log.info("play refused: stream {}, ip {}, proto {}: {}", PeerText.escape(r.stream()), r.ip(),
                PeerText.escape(r.proto()), why);
    }
}
