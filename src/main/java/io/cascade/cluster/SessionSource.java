package io.cascade.cluster;

import java.util.List;

/**
 * This server's own viewer sessions, as the cluster reports them upstream: a snapshot the
 * reporter diffs each second itself (so an adapter only lists what is open), and a way to cut
 * one when the cluster-wide {@code X-Max-Sessions} says so.
 */
public interface SessionSource {
    /** No local sessions (a server with no viewers of its own, or no session layer). */
    SessionSource NONE = new SessionSource() {
        @Override
        public List<ViewerSession> sessions() {
            return List.of();
        }

        @Override
        public void cut(String id) {
            // nothing to cut
        }
    };

    /** The open sessions now; {@code server} may be empty, the reporter fills it. Must be cheap (a copy). */
    List<ViewerSession> sessions();

    /** Ends session {@code id} on whatever protocol it plays (as a DELETE of the sessions API would). */
    void cut(String id);
}
