package io.cascade.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a {@code K} message, a source's answer to a session report: whether the
 * reporter must start over ({@code resync}: the source lost track, it restarted or a report went
 * missing) and the sessions the cluster-wide {@code X-Max-Sessions} cuts, which the reporter
 * cuts itself or passes on to the tier below.
 *
 * <p>Layout: flags (u8, bit 0 = resync), count (varint), each cut as server and id (text).
 */
public record ReportAnswer(boolean resync, List<SessionKey> cuts) {
    static final int MAX_CUTS = 10_000;

    public ReportAnswer {
        cuts = List.copyOf(cuts.size() > MAX_CUTS ? cuts.subList(0, MAX_CUTS) : cuts);
    }

    public M4fMessage toMessage() {
        PayloadWriter w = new PayloadWriter().u8(resync ? 1 : 0).varint(cuts.size());
        for (SessionKey k : cuts) {
            w.text(k.server(), 256).text(k.id(), 128);
        }
        return new M4fMessage('K', w.bytes());
    }

    public static ReportAnswer of(M4fMessage m) throws M4fProtocolException {
        if (m.type() != 'K') {
            throw new M4fProtocolException("message '" + m.type() + "' where a report answer was expected");
        }
        PayloadReader r = new PayloadReader('K', m.payload());
        boolean resync = (r.u8() & 1) != 0;
        int n = r.count(MAX_CUTS, 2, "cuts");
        List<SessionKey> cuts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cuts.add(new SessionKey(r.text(256, "server"), r.text(128, "session id")));
        }
        if (!r.atEnd()) {
            throw new M4fProtocolException("report answer has bytes after its last field");
        }
        return new ReportAnswer(resync, cuts);
    }
}
