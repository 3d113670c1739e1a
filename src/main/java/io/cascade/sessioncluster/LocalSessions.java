package io.cascade.sessioncluster;

import io.cascade.cluster.SessionSource;
import io.cascade.cluster.ViewerSession;
import io.cascade.session.Session;
import io.cascade.session.SessionRecord;
import io.cascade.session.SessionRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * This server's own watching sessions as the cluster reports them, once admitted (a session is
 * reported once, so its user and {@code X-Max-Sessions} must be known by then); those reported to
 * it from below are left out (the cluster forwards them itself). A cut is the sessions API's DELETE:
 * the viewer's next HTTP request is refused, a persistent connection closes.
 */
public final class LocalSessions implements SessionSource {
    private final SessionRegistry registry;

    public LocalSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<ViewerSession> sessions() {
        List<Session> local = registry.active(s -> s.isLocal() && s.isAdmitted());
        List<ViewerSession> out = new ArrayList<>(local.size());
        for (Session s : local) {
            out.add(viewer(s.record(), s.maxSessions()));
        }
        return out;
    }

    static ViewerSession viewer(SessionRecord r, int maxSessions) {
        return new ViewerSession(r.id(), r.stream(), r.proto(), r.ip(), r.token().orElse(""), r.userId().orElse(""),
                maxSessions, r.openedAt(), r.updatedAt(), r.bytes(), r.userAgent(), r.referer(), r.queryString(), "");
    }

    @Override
    public void cut(String id) {
        registry.cut(id);
    }
}
