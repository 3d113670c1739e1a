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
        int size = 64 + closed.size() * 3;
        List<SessionReport.Opened> opened = new ArrayList<>();
        List<SessionReport.Bytes> bytes = new ArrayList<>();
        List<ViewerSession> moved = new ArrayList<>();
        for (ViewerSession s : want.values()) {
            Long key = keys.get(s.key());
            if (key == null) {
                int cost = estimate(s);
                if (size + cost <= BUDGET && opened.size() < SessionReport.MAX_OPENED) {
                    opened.add(new SessionReport.Opened(nextKey++, s));
                    size += cost;
                }
            } else if (acked.get(key).bytes() != s.bytes()) {
                moved.add(s);
            }
        }
        moved.sort(Comparator.comparingLong(s -> bytesSentAt.getOrDefault(keys.get(s.key()), 0L)));
        for (ViewerSession s : moved) {
            if (size + 12 > BUDGET) {
                break;
            }
            bytes.add(new SessionReport.Bytes(keys.get(s.key()), s.bytes()));
            size += 12;
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

    private static int estimate(ViewerSession s) {
        return 48 + utf8(s.id()) + utf8(s.name()) + utf8(s.proto()) + utf8(s.ip()) + utf8(s.token()) + utf8(s.userId())
                + utf8(s.userAgent()) + utf8(s.referer()) + utf8(s.queryString()) + utf8(s.server());
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
