package io.cascade.cluster;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what one source should know of this server's sessions into reports for it, as deltas
 * against what it acknowledged: sessions opened, byte counts that moved, sessions closed. A
 * report is bounded by {@link #BUDGET} bytes; what does not fit goes in the next one. Byte
 * counts go oldest-sent first, so under load every session's count still moves every few
 * seconds. A report that was lost (no answer) or answered {@code resync} makes the next one a
 * reset. Not thread-safe: one sender owns it.
 */
final class SessionReporter {
    /** Encoded payload at most, under the HTTP server's 64 KiB request bound with framing to spare. */
    static final int BUDGET = 60_000;
    /** A report with nothing new still goes this often, so the source's lease stays alive. */
    static final long HEARTBEAT_MILLIS = 1_000;

    private final String self;
    private final long instance = new SecureRandom().nextLong();
    private long sequence;
    private boolean reset = true;
    private long nextKey = 1;
    private long lastSent = Long.MIN_VALUE / 2;
    /** Acknowledged state: what the source holds. */
    private final Map<SessionKey, Long> keys = new HashMap<>();
    private final Map<Long, ViewerSession> acked = new HashMap<>();
    private final Map<Long, Long> bytesSentAt = new HashMap<>();
    private SessionReport pending;
    private boolean backlog;

    SessionReporter(String self) {
        this.self = self;
    }

    /** The next report, or null when there is nothing to say and the lease is not due. */
    SessionReport next(Collection<ViewerSession> wanted, long now) {
        if (reset) {
            keys.clear();
            acked.clear();
            bytesSentAt.clear();
        }
        Map<SessionKey, ViewerSession> want = new HashMap<>();
        wanted.forEach(s -> want.put(s.key(), s));
        List<Long> closed = new ArrayList<>();
        keys.forEach((k, key) -> {
            if (!want.containsKey(k)) {
                closed.add(key);
            }
        });
        int size = 64 + closed.size() * varintSize(nextKey);
        backlog = false;
        List<SessionReport.Opened> opened = new ArrayList<>();
        List<SessionReport.Bytes> bytes = new ArrayList<>();
        List<ViewerSession> moved = new ArrayList<>();
        for (ViewerSession s : want.values()) {
            Long key = keys.get(s.key());
            if (key == null) {
                int cost = openedSize(nextKey, s);
                if (size + cost <= BUDGET && opened.size() < SessionReport.MAX_OPENED) {
                    opened.add(new SessionReport.Opened(nextKey++, s));
                    size += cost;
                } else {
                    backlog = true;
                }
            } else if (acked.get(key).bytes() != s.bytes()) {
                moved.add(s);
            }
        }
        moved.sort(Comparator.comparingLong(s -> bytesSentAt.getOrDefault(keys.get(s.key()), 0L)));
        int keyBytes = varintSize(nextKey);
        for (ViewerSession s : moved) {
            int cost = keyBytes + varintSize(s.bytes());
            if (size + cost > BUDGET) {
                break;
            }
            bytes.add(new SessionReport.Bytes(keys.get(s.key()), s.bytes()));
            size += cost;
        }
        boolean due = now - lastSent >= HEARTBEAT_MILLIS && (!acked.isEmpty() || reset);
        if (!reset && !due && opened.isEmpty() && closed.isEmpty()) {
            return null;
        }
        if (reset && want.isEmpty() && acked.isEmpty() && now - lastSent < HEARTBEAT_MILLIS) {
            return null;
        }
        pending = new SessionReport(self, instance, ++sequence, reset, opened, bytes, closed);
        lastSent = now;
        return pending;
    }

    /** True when the last report left opened sessions out for lack of room: the next may go sooner. */
    boolean backlog() {
        return backlog;
    }

    /** True while the source holds sessions of ours (or a reset is owed), so reports must go on. */
    boolean active() {
        return !acked.isEmpty();
    }

    /** The source applied {@code r}; its answer may ask for a resync. */
    void delivered(SessionReport r, ReportAnswer answer, long now) {
        if (r != pending) {
            return;
        }
        pending = null;
        if (answer.resync()) {
            reset = true;
            return;
        }
        reset = false;
        Set<Long> gone = new HashSet<>(r.closed());
        for (SessionReport.Opened o : r.opened()) {
            keys.put(o.session().key(), o.key());
            acked.put(o.key(), o.session());
            bytesSentAt.put(o.key(), now);
        }
        for (SessionReport.Bytes b : r.bytes()) {
            ViewerSession s = acked.get(b.key());
            if (s != null) {
                acked.put(b.key(), s.withBytes(b.bytes(), now));
                bytesSentAt.put(b.key(), now);
            }
        }
        for (long k : gone) {
            ViewerSession s = acked.remove(k);
            bytesSentAt.remove(k);
            if (s != null) {
                keys.remove(s.key());
            }
        }
    }

    /** {@code r} got no answer: the source may or may not have it, so start over. */
    void lost(SessionReport r) {
        if (r == pending) {
            pending = null;
            reset = true;
        }
    }

    /** The encoded size of an opened session, as {@link SessionReport} writes it (texts within their bounds). */
    private static int openedSize(long key, ViewerSession s) {
        int n = varintSize(key) + varintSize(s.maxSessions()) + varintSize(s.openedAt()) + varintSize(s.updatedAt())
                + varintSize(s.bytes());
        for (String t : new String[] {s.id(), s.name(), s.proto(), s.ip(), s.token(), s.userId(), s.userAgent(),
                s.referer(), s.queryString(), s.server()}) {
            int len = Math.min(utf8(t), 1024);
            n += varintSize(len) + len;
        }
        return n;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** The UTF-8 size, without encoding (a surrogate pair counts 2 + 2). */
    private static int utf8(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
