package io.cascade.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sessions in memory, for tests: a server's own viewers ({@link SessionSource}, recording cuts)
 * and the registry reports arrive in ({@link SessionSink}).
 */
public final class MemorySessions implements SessionSource, SessionSink {
    private final Map<String, ViewerSession> local = new ConcurrentHashMap<>();
    public final List<String> cuts = new CopyOnWriteArrayList<>();
    private final Map<String, Map<SessionKey, ViewerSession>> reported = new ConcurrentHashMap<>();

    public void open(ViewerSession s) {
        local.put(s.id(), s);
    }

    public void close(String id) {
        local.remove(id);
    }

    @Override
    public List<ViewerSession> sessions() {
        return List.copyOf(local.values());
    }

    @Override
    public void cut(String id) {
        cuts.add(id);
        local.remove(id);
    }

    @Override
    public void upsert(String via, Collection<ViewerSession> sessions) {
        Map<SessionKey, ViewerSession> m = reported.computeIfAbsent(via, v -> new ConcurrentHashMap<>());
        sessions.forEach(s -> m.put(s.key(), s));
    }

    @Override
    public void remove(String via, Collection<SessionKey> sessions) {
        Map<SessionKey, ViewerSession> m = reported.get(via);
        if (m != null) {
            sessions.forEach(m::remove);
        }
    }

    @Override
    public void expire(String via) {
        reported.remove(via);
    }

    /** Every reported session, whoever reported it. */
    public List<ViewerSession> reported() {
        List<ViewerSession> out = new ArrayList<>();
        reported.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    public int reportedCount() {
        return reported.values().stream().mapToInt(Map::size).sum();
    }

    public Map<SessionKey, ViewerSession> reportedVia(String via) {
        return Map.copyOf(reported.getOrDefault(via, Map.of()));
    }
}
