package io.cascade.auth;

import io.cascade.session.Session;

/** The answer to a viewer asking to play. */
public sealed interface Admission {
    /** Play: the protocol counts bytes on the session, and ends or refuses the viewer once it is cut. */
    record Granted(Session session) implements Admission {
    }

    /**
     * Do not play: HTTP answers {@code status} (403, or 404 for an unknown stream), other
     * protocols their own refusal.
     */
    record Refused(int status, String reason) implements Admission {
    }
}
