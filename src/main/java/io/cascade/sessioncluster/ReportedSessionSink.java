package io.cascade.sessioncluster;

import io.cascade.cluster.SessionKey;
import io.cascade.cluster.SessionSink;
import io.cascade.cluster.ViewerSession;
import io.cascade.session.Session;
import io.cascade.session.SessionRecord;
import io.cascade.session.SessionRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The sessions the tier below reports, into this server's session registry: its sessions API
 * lists them with the server each viewer watches on, and its streams' cluster totals count them.
 * They go when reported closed and all at once when their reporter's lease ends; one cut here
 * (the sessions API's DELETE) is cut on the server the viewer watches on.
 */
public final class ReportedSessionSink implements SessionSink {
    private final SessionRegistry registry;
    /**
     * Reports only carry what moved, and the registry ends a reported session not reported for a
     * while; the reporter's lease is what says it is gone, so while reports come, all its sessions
     * are reported again at least this often.
     */
    static final long REFRESH_MILLIS = 3_000;

    private final LongSupplier clock;
    /** What each reporter holds here, so its lease ending removes exactly them. */
    private final Map<String, Reporter> byReporter = new HashMap<>();

    private static final class Reporter {
        final Map<String, ViewerSession> sessions = new HashMap<>();
        long refreshed;
    }

    private final Consumer<SessionKey> cutDown;

    /**
     * @param cutDown passes a cut of a reported session (the sessions API's DELETE here) down
     *                to the server the viewer watches on
     */
    public ReportedSessionSink(SessionRegistry registry, Consumer<SessionKey> cutDown) {
        this(registry, cutDown, System::currentTimeMillis);
    }

    ReportedSessionSink(SessionRegistry registry, Consumer<SessionKey> cutDown, LongSupplier clockMillis) {
        this.registry = registry;
        this.cutDown = cutDown;
        this.clock = clockMillis;
    }

    @Override
    public synchronized void upsert(String via, Collection<ViewerSession> sessions) {
        Reporter r = byReporter.computeIfAbsent(via, v -> new Reporter());
        for (ViewerSession v : sessions) {
            Session s = report(v);
            if (r.sessions.put(v.id(), v) == null) {
                s.onCut(() -> cut(via, v.key()));
            }
        }
        long now = clock.getAsLong();
        if (now - r.refreshed >= REFRESH_MILLIS) {
            r.refreshed = now;
            r.sessions.values().forEach(this::report);
        }
    }

    /** Cut here: the viewer's server is told, and the session is not reported again from here. */
    private void cut(String via, SessionKey key) {
        cutDown.accept(key);
        synchronized (this) {
            Reporter r = byReporter.get(via);
            if (r != null) {
                r.sessions.remove(key.id());
            }
        }
    }

    private Session report(ViewerSession v) {
        Session s = registry.report(new SessionRecord(v.id(), v.name(), v.proto(), v.ip(), nonEmpty(v.token()),
                nonEmpty(v.userId()), v.server(), v.openedAt(), v.updatedAt(), v.bytes(), v.userAgent(),
                v.referer(), v.queryString()));
        s.setMaxSessions(v.maxSessions());
        return s;
    }

    @Override
    public synchronized void remove(String via, Collection<SessionKey> sessions) {
        Reporter r = byReporter.get(via);
        if (r == null) {
            return;
        }
        for (SessionKey k : sessions) {
            if (r.sessions.remove(k.id()) != null) {
                close(k.id());
            }
        }
    }

    @Override
    public synchronized void expire(String via) {
        Reporter r = byReporter.remove(via);
        if (r != null) {
            r.sessions.keySet().forEach(this::close);
        }
    }

    private void close(String id) {
        registry.find(id).filter(s -> !s.isLocal()).ifPresent(registry::close);
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
