package io.cascade.cluster;

import java.util.Collection;

/**
 * Where the sessions other servers report arrive (the origin's session registry, so its sessions
 * API lists every viewer of the cluster). {@code via} names the peer that reported them: one
 * directly below, which also forwards what its own lower tier reported; each session keeps
 * the {@code server} it watches on. Called from one thread at a time.
 */
public interface SessionSink {
    SessionSink NONE = new SessionSink() {
        @Override
        public void upsert(String via, Collection<ViewerSession> sessions) {
        }

        @Override
        public void remove(String via, Collection<SessionKey> sessions) {
        }

        @Override
        public void expire(String via) {
        }
    };

    /** Sessions opened or changed (bytes, updated time), reported by {@code via}. */
    void upsert(String via, Collection<ViewerSession> sessions);

    /** Sessions that closed. */
    void remove(String via, Collection<SessionKey> sessions);

    /** Every session {@code via} reported is gone: its lease ran out, or it started over. */
    void expire(String via);
}
