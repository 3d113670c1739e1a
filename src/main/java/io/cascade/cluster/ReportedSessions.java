package io.cascade.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The sessions peers below report to this server, by reporter, each under a lease: a reporter
 * that sends nothing for {@link #LEASE_MILLIS} (it died, or lost its link) loses all its sessions.
 * Reports are deltas, so each must follow the reporter's previous one; a gap, an unknown reporter
 * or a new instance of one is answered with {@code resync}, and the reporter starts over with a
 * reset. Changes go on to the {@link SessionSink}. Cuts for a reported session wait here for the
 * answer to that reporter's next report.
 */
public final class ReportedSessions {
    /** Reports come every second; five missed ones end a reporter's sessions. */
    static final long LEASE_MILLIS = 5_000;
    /** Sessions one reporter may hold here, whatever it claims. */
    static final int MAX_PER_REPORTER = 200_000;
    /** Reporters held at once; a new one beyond is told nothing and kept nowhere until others expire. */
    static final int MAX_REPORTERS = 10_000;

    private final SessionSink sink;
    private final LongSupplier clock;
    private final Map<String, Reporter> reporters = new HashMap<>();

    private static final class Reporter {
        final long instance;
        long sequence;
        long seen;
        final Map<Long, ViewerSession> byKey = new HashMap<>();
        final Map<SessionKey, Long> keys = new HashMap<>();
        final List<SessionKey> cuts = new ArrayList<>();

        Reporter(long instance, long sequence, long seen) {
            this.instance = instance;
            this.sequence = sequence;
            this.seen = seen;
        }
    }

    public ReportedSessions(SessionSink sink) {
        this(sink, System::currentTimeMillis);
    }

    ReportedSessions(SessionSink sink, LongSupplier clockMillis) {
        this.sink = sink;
        this.clock = clockMillis;
    }

    /** Applies one verified report; the answer tells the reporter to resync, or what to cut. */
    public synchronized ReportAnswer apply(SessionReport r) {
        long now = clock.getAsLong();
        expire(now);
        Reporter rep = reporters.get(r.reporter());
        if (r.reset()) {
            if (rep == null && reporters.size() >= MAX_REPORTERS) {
                return new ReportAnswer(false, List.of());
            }
            if (rep != null) {
                sink.expire(r.reporter());
            }
            rep = new Reporter(r.instance(), r.sequence(), now);
            reporters.put(r.reporter(), rep);
        } else if (rep == null || rep.instance != r.instance() || r.sequence() != rep.sequence + 1) {
            return new ReportAnswer(true, List.of());
        }
        rep.sequence = r.sequence();
        rep.seen = now;
        List<ViewerSession> changed = new ArrayList<>();
        for (SessionReport.Opened o : r.opened()) {
            if (rep.byKey.size() >= MAX_PER_REPORTER && !rep.byKey.containsKey(o.key())) {
                continue;
            }
            ViewerSession s = o.session().withBytes(o.session().bytes(), now);
            put(rep, o.key(), s);
            changed.add(s);
        }
        for (SessionReport.Bytes b : r.bytes()) {
            ViewerSession s = rep.byKey.get(b.key());
            if (s != null) {
                s = s.withBytes(b.bytes(), now);
                rep.byKey.put(b.key(), s);
                changed.add(s);
            }
        }
        List<SessionKey> gone = new ArrayList<>();
        for (long k : r.closed()) {
            ViewerSession s = rep.byKey.remove(k);
            if (s != null) {
                rep.keys.remove(s.key());
                gone.add(s.key());
            }
        }
        if (!changed.isEmpty()) {
            sink.upsert(r.reporter(), changed);
        }
        if (!gone.isEmpty()) {
            sink.remove(r.reporter(), gone);
        }
        List<SessionKey> cuts = List.copyOf(rep.cuts);
        rep.cuts.clear();
        return new ReportAnswer(false, cuts);
    }

    private static void put(Reporter rep, long key, ViewerSession s) {
        ViewerSession old = rep.byKey.put(key, s);
        if (old != null && !old.key().equals(s.key())) {
            rep.keys.remove(old.key());
        }
        rep.keys.put(s.key(), key);
    }

    /** Drops the reporters whose lease ran out. */
    public synchronized void expire() {
        expire(clock.getAsLong());
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<String, Reporter>> it = reporters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Reporter> e = it.next();
            if (now - e.getValue().seen > LEASE_MILLIS) {
                it.remove();
                sink.expire(e.getKey());
            }
        }
    }

    /** Every reported session now. */
    public synchronized List<ViewerSession> all() {
        List<ViewerSession> out = new ArrayList<>();
        reporters.values().forEach(r -> out.addAll(r.byKey.values()));
        return out;
    }

    /** Queues a cut for the reporter that holds {@code key}; false when none does. */
    public synchronized boolean cut(SessionKey key) {
        for (Reporter r : reporters.values()) {
            if (r.keys.containsKey(key)) {
                if (!r.cuts.contains(key) && r.cuts.size() < ReportAnswer.MAX_CUTS) {
                    r.cuts.add(key);
                }
                return true;
            }
        }
        return false;
    }
}
