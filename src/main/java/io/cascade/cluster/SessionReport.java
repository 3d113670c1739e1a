package io.cascade.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@code V} message: one batch of a server's session changes for its source.
 * Each session gets a small number ({@code key}) from the reporter when first reported, so
 * later changes carry that number rather than the session's strings; keys in {@code bytes}
 * and {@code closed} are sent as rising deltas, so most take one byte.
 *
 * <p>Layout: reporter (text), instance (u64, random per start), sequence (varint), flags (u8,
 * bit 0 = reset: forget what I reported before), then three lists, each a varint count:
 * opened (key varint, then the {@link ViewerSession} fields), bytes (key delta, bytes, both
 * varints) and closed (key delta). Text is a varint length and UTF-8, each field bounded.
 *
 * @param reporter  the reporting server's name
 * @param instance  random per start of the reporter, so a restart is seen as a new reporter
 * @param sequence  one more than the reporter's previous report to this source
 * @param reset     the receiver forgets every session of this reporter before applying
 * @param opened    sessions new to the receiver (or changed besides bytes), with their keys
 * @param bytes     sessions whose byte count moved
 * @param closed    keys of sessions that ended
 */
public record SessionReport(String reporter, long instance, long sequence, boolean reset, List<Opened> opened,
                            List<Bytes> bytes, List<Long> closed) {
    static final int MAX_OPENED = 20_000;
    static final int MAX_CHANGES = 200_000;
    static final int MAX_NAME = 256;
    private static final int[] LIMITS = {128, 256, 16, 64, 256, 256, 512, 512, 1024, 256};

    public record Opened(long key, ViewerSession session) {
    }

    public record Bytes(long key, long bytes) {
    }

    public SessionReport {
        opened = List.copyOf(opened);
        bytes = bytes.stream().sorted(java.util.Comparator.comparingLong(Bytes::key)).toList();
        closed = closed.stream().sorted().toList();
    }

    public M4fMessage toMessage() {
        PayloadWriter w = new PayloadWriter().text(reporter, MAX_NAME).u64(instance).varint(sequence).u8(reset ? 1 : 0);
        w.varint(opened.size());
        for (Opened o : opened) {
            ViewerSession s = o.session();
            w.varint(o.key());
            String[] t = texts(s);
            for (int i = 0; i < t.length; i++) {
                w.text(t[i], LIMITS[i]);
            }
            w.varint(s.maxSessions()).varint(s.openedAt()).varint(s.updatedAt()).varint(s.bytes());
        }
        w.varint(bytes.size());
        long last = 0;
        for (Bytes b : bytes) {
            w.varint(b.key() - last).varint(b.bytes());
            last = b.key();
        }
        w.varint(closed.size());
        last = 0;
        for (long k : closed) {
            w.varint(k - last);
            last = k;
        }
        return new M4fMessage('V', w.bytes());
    }

    private static String[] texts(ViewerSession s) {
        return new String[] {s.id(), s.name(), s.proto(), s.ip(), s.token(), s.userId(), s.userAgent(), s.referer(),
                s.queryString(), s.server()};
    }

    private static long keyAfter(long last, long delta) throws M4fProtocolException {
        if (delta > Long.MAX_VALUE - last) {
            throw new M4fProtocolException("session report: key past 2^63");
        }
        return last + delta;
    }

    public static SessionReport of(M4fMessage m) throws M4fProtocolException {
        if (m.type() != 'V') {
            throw new M4fProtocolException("message '" + m.type() + "' where a session report was expected");
        }
        PayloadReader r = new PayloadReader('V', m.payload());
        String reporter = r.text(MAX_NAME, "reporter");
        long instance = r.u64();
        long sequence = r.varint();
        boolean reset = (r.u8() & 1) != 0;
        int no = r.count(MAX_OPENED, 15, "opened sessions");
        List<Opened> opened = new ArrayList<>(no);
        for (int i = 0; i < no; i++) {
            long key = r.varint();
            String[] t = new String[LIMITS.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = r.text(LIMITS[j], "session field " + j);
            }
            int max = (int) Math.min(r.varint(), Integer.MAX_VALUE);
            ViewerSession s = new ViewerSession(t[0], t[1], t[2], t[3], t[4], t[5], max, r.varint(), r.varint(),
                    r.varint(), t[6], t[7], t[8], t[9]);
            opened.add(new Opened(key, s));
        }
        int nb = r.count(MAX_CHANGES, 2, "byte counts");
        List<Bytes> bytes = new ArrayList<>(nb);
        long last = 0;
        for (int i = 0; i < nb; i++) {
            last = keyAfter(last, r.varint());
            bytes.add(new Bytes(last, r.varint()));
        }
        int nc = r.count(MAX_CHANGES, 1, "closed sessions");
        List<Long> closed = new ArrayList<>(nc);
        last = 0;
        for (int i = 0; i < nc; i++) {
            last = keyAfter(last, r.varint());
            closed.add(last);
        }
        if (!r.atEnd()) {
            throw new M4fProtocolException("session report has bytes after its last field");
        }
        return new SessionReport(reporter, instance, sequence, reset, opened, bytes, closed);
    }
}
