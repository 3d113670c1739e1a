package io.cascade.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Every session this server knows: its own viewers, and those other servers reported to it.
 *
 * <p>An HTTP viewer is found by the session id a playlist handed on (only for the same stream,
 * protocol and address), else by its {@link SessionKey}; it ends after {@code idleMillis} without a
 * request. A cut HTTP session stays (refused) until it has been idle that long, so a player that
 * keeps asking keeps being refused. A persistent connection is a session of its own, ended by
 * {@link #close}. A reported session that is not reported again within {@code remoteMillis} ends.
 */
public final class SessionRegistry {
    /** Told when sessions start and end; called on the thread that did it, must not block. */
    public interface Listener {
        void opened(Session s);

        void closed(Session s);
    }

    /** A found or newly made session. */
    public record Lookup(Session session, boolean created) {
    }

    private volatile String server;
    private final LongSupplier clock;
    private final long idleMillis;
    private final long remoteMillis;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Map<SessionKey, Session> byKey = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** This server's watching sessions, in all and by stream, kept as they change (asked per backend request). */
    private final AtomicInteger watching = new AtomicInteger();
    private final Map<String, AtomicInteger> watchingByStream = new ConcurrentHashMap<>();
    /** Bytes of this server's ended sessions, by stream: with the open ones', a stream's bytes out. */
    private final Map<String, LongAdder> endedBytes = new ConcurrentHashMap<>();

    /**
     * @param server       this server's name, marked on its own sessions
     * @param clock        Unix milliseconds
     * @param idleMillis   how long an HTTP session lives without a request
     * @param remoteMillis how long a reported session lives without a report
     */
    public SessionRegistry(String server, LongSupplier clock, long idleMillis, long remoteMillis) {
        this.server = server;
        this.clock = clock;
        this.idleMillis = idleMillis;
        this.remoteMillis = remoteMillis;
    }

    public String server() {
        return server;
    }

    /** Names this server once its address is known; sessions opened from now on carry it. */
    public void nameServer(String name) {
        server = name;
    }

    public long now() {
        return clock.getAsLong();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** The viewer's session, made when it has none; touched either way. */
    public Lookup open(PlayRequest r) {
        long now = now();
        if (r.persistent()) {
            return new Lookup(add(newSession(r, now)), true);
        }
        Optional<Session> handedOn = r.sessionId().map(byId::get).filter(s -> sameViewer(s, r));
        if (handedOn.isPresent()) {
            handedOn.get().touch(now);
            return new Lookup(handedOn.get(), false);
        }
        Session[] made = new Session[1];
        Session s = byKey.compute(r.key(), (k, old) -> {
            if (old != null && byId.get(old.id()) == old) {
                return old;
            }
            made[0] = newSession(r, now);
            byId.put(made[0].id(), made[0]);
            return made[0];
        });
        s.touch(now);
        if (made[0] == s) {
            listeners.forEach(l -> l.opened(s));
            return new Lookup(s, true);
        }
        return new Lookup(s, false);
    }

    private static boolean sameViewer(Session s, PlayRequest r) {
        PlayRequest first = s.request();
        return s.isLocal() && first.stream().equals(r.stream()) && first.proto().equals(r.proto())
                && first.ip().equals(r.ip()) && !first.persistent();
    }

    private Session newSession(PlayRequest r, long now) {
        Session s = new Session(UUID.randomUUID().toString(), r, server, true, now);
        s.counted.set(true);
        watching.incrementAndGet();
        watchingByStream.computeIfAbsent(r.stream(), k -> new AtomicInteger())
                .incrementAndGet();
        s.onCut(() -> uncount(s));
        return s;
    }

    private void uncount(Session s) {
        if (s.counted.compareAndSet(true, false)) {
            watching.decrementAndGet();
            watchingByStream.get(s.stream()).decrementAndGet();
        }
    }

    private Session add(Session s) {
        byId.put(s.id(), s);
        listeners.forEach(l -> l.opened(s));
        return s;
    }

    /**
     * A session another server reports (opened or updated): made here with its id when new, its
     * bytes and time taken when known.
     */
    public Session report(SessionRecord r) {
        long now = now();
        Session[] made = new Session[1];
        Session s = byId.computeIfAbsent(r.id(), id -> {
            PlayRequest asked = new PlayRequest(r.stream(), r.proto(), r.ip(), r.token(), Optional.empty(),
                    r.queryString(), r.userAgent(), r.referer(), "", true);
            made[0] = new Session(id, asked, r.server(), false, r.openedAt());
            return made[0];
        });
        r.userId().ifPresent(s::setUserId);
        s.reported(r.bytes(), now);
        if (made[0] == s) {
            listeners.forEach(l -> l.opened(s));
        }
        return s;
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Ends a session: its connection closed, it was denied, or it was reported closed. */
    public void close(Session s) {
        if (byId.remove(s.id(), s)) {
            byKey.remove(s.request().key(), s);
            uncount(s);
            if (s.isLocal()) {
                endedBytes.computeIfAbsent(s.stream(), k -> new LongAdder()).add(s.bytes());
            }
            listeners.forEach(l -> l.closed(s));
        }
    }

    /** Cuts a session (see {@link Session#cut}); false when there is none by that id. */
    public boolean cut(String id) {
        Session s = byId.get(id);
        if (s == null || s.isCut()) {
            return false;
        }
        s.cut();
        if (s.request().persistent() && !s.isLocal()) {
            close(s);
        }
        return true;
    }

    /** Ends HTTP sessions idle too long and reported ones no longer reported. */
    public void expire() {
        long now = now();
        for (Session s : byId.values()) {
            long idle = now - s.updatedAt();
            boolean gone = s.isLocal() ? !s.request().persistent() && idle > idleMillis : idle > remoteMillis;
            if (gone) {
                close(s);
            }
        }
    }

    /** Sessions that are watching (not cut), oldest first. */
    public List<Session> active() {
        return select(s -> !s.isCut());
    }

    public List<Session> active(Predicate<Session> which) {
        return select(s -> !s.isCut() && which.test(s));
    }

    private List<Session> select(Predicate<Session> which) {
        List<Session> out = new ArrayList<>();
        for (Session s : byId.values()) {
            if (which.test(s)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingLong(Session::openedAt).thenComparing(Session::id));
        return out;
    }

    /** This server's watching viewers of {@code stream}, by protocol (sorted). */
    public Map<String, Integer> localByProto(String stream) {
        Map<String, Integer> out = new TreeMap<>();
        for (Session s : byId.values()) {
            if (s.isLocal() && !s.isCut() && s.stream().equals(stream)) {
                out.merge(s.proto(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Bytes this server sent to viewers of {@code stream}, ended sessions included. */
    public long bytesOut(String stream) {
        LongAdder ended = endedBytes.get(stream);
        long sum = ended == null ? 0 : ended.sum();
        for (Session s : byId.values()) {
            if (s.isLocal() && s.stream().equals(stream)) {
                sum += s.bytes();
            }
        }
        return sum;
    }

    /** This server's watching viewers of each stream, by protocol: one pass for a whole scrape. */
    public Map<String, Map<String, Integer>> localByStreamAndProto() {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (Session s : byId.values()) {
            if (s.isLocal() && !s.isCut()) {
                out.computeIfAbsent(s.stream(), k -> new TreeMap<>()).merge(s.proto(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** The watching viewers of {@code stream} on every server this one knows of: its own and those reported to it. */
    public int clusterCount(String stream) {
        int n = 0;
        for (Session s : byId.values()) {
            if (!s.isCut() && s.stream().equals(stream)) {
                n++;
            }
        }
        return n;
    }

    /** This server's watching viewers of every stream. */
    public int localCount() {
        return watching.get();
    }

    /** This server's watching viewers of {@code stream}, all protocols. */
    public int localCount(String stream) {
        AtomicInteger n = watchingByStream.get(stream);
        return n == null ? 0 : n.get();
    }

    /** How many sessions there are, cut ones included: what the registry holds. */
    public int size() {
        return byId.size();
    }
}
