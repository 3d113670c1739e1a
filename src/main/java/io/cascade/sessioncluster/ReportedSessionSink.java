package io.cascade.sessioncluster;

import io.cascade.cluster.SessionKey;
import io.cascade.cluster.SessionSink;
import io.cascade.cluster.ViewerSession;
import io.cascade.session.Session;
import io.cascade.session.SessionRecord;
import io.cascade.session.SessionRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions the tier below reports, into this server's session registry: its sessions API
 * lists them with the server each viewer watches on, and its streams' cluster totals count them.
 * They go when reported closed and all at once when their reporter's lease ends.
 */
public final class ReportedSessionSink implements SessionSink {
    private final SessionRegistry registry;
    /** The ids each reporter holds here, so its lease ending removes exactly them. */
    private final Map<String, Set<String>> byReporter = new HashMap<>();

    public ReportedSessionSink(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void upsert(String via, Collection<ViewerSession> sessions) {
        Set<String> ids = byReporter.computeIfAbsent(via, v -> new HashSet<>());
        for (ViewerSession v : sessions) {
            Session s = registry.report(new SessionRecord(v.id(), v.name(), v.proto(), v.ip(), nonEmpty(v.token()),
                    nonEmpty(v.userId()), v.server(), v.openedAt(), v.updatedAt(), v.bytes(), v.userAgent(),
                    v.referer(), v.queryString()));
            s.setMaxSessions(v.maxSessions());
            ids.add(v.id());
        }
    }

    @Override
    public synchronized void remove(String via, Collection<SessionKey> sessions) {
        Set<String> ids = byReporter.getOrDefault(via, Set.of());
        for (SessionKey k : sessions) {
            if (ids.remove(k.id())) {
                close(k.id());
            }
        }
    }

    @Override
    public synchronized void expire(String via) {
        Set<String> ids = byReporter.remove(via);
        if (ids != null) {
            ids.forEach(this::close);
        }
    }

    private void close(String id) {
        registry.find(id).filter(s -> !s.isLocal()).ifPresent(registry::close);
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
