package io.cascade.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code X-Max-Sessions} across the cluster: of a user's sessions on every server, beyond the
 * limit the backend set, the newest ones are cut, as a single server cuts the (N+1)th. The
 * smallest limit any of the user's sessions carries holds. Ties in opening time go by server and
 * id, so every run picks the same sessions.
 */
public final class ClusterSessionLimit {
    private static final Comparator<ViewerSession> NEWEST_FIRST = Comparator
            .comparingLong(ViewerSession::openedAt).reversed()
            .thenComparing(ViewerSession::server).thenComparing(ViewerSession::id);

    private ClusterSessionLimit() {
    }

    /** The sessions to cut so that no user has more than its limit. */
    public static List<SessionKey> overLimit(Collection<ViewerSession> all) {
        Map<String, List<ViewerSession>> byUser = new HashMap<>();
        for (ViewerSession s : all) {
            if (!s.userId().isEmpty() && s.maxSessions() > 0) {
                byUser.computeIfAbsent(s.userId(), u -> new ArrayList<>()).add(s);
            }
        }
        List<SessionKey> cut = new ArrayList<>();
        for (List<ViewerSession> sessions : byUser.values()) {
            int limit = sessions.stream().mapToInt(ViewerSession::maxSessions).min().orElseThrow();
            if (sessions.size() > limit) {
                sessions.sort(NEWEST_FIRST);
                sessions.subList(0, sessions.size() - limit).forEach(s -> cut.add(s.key()));
            }
        }
        return cut;
    }
}
