package io.cascade.auth;

import io.cascade.config.StreamConfig;
import io.cascade.session.SessionRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A server's sessions and play gate, with the once-a-second sweep that ends idle sessions and
 * re-checks due ones.
 */
public final class PlayAuthorization implements AutoCloseable {
    /** An HTTP viewer with no request for this long has left. */
    public static final long HTTP_IDLE_MILLIS = 30_000;
    /** A session reported by another server and not reported again for this long has ended. */
    public static final long REPORTED_IDLE_MILLIS = 10_000;

    private final SessionRegistry sessions;
    private final PlayGate gate;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("session-sweep").factory());

    public PlayAuthorization(String server, Function<String, Optional<StreamConfig>> streams, MeterRegistry meters) {
        this(new SessionRegistry(server, System::currentTimeMillis, HTTP_IDLE_MILLIS, REPORTED_IDLE_MILLIS), streams,
                new HttpAuthBackend(HttpAuthBackend.DEFAULT_TIMEOUT), meters);
    }

    PlayAuthorization(SessionRegistry sessions, Function<String, Optional<StreamConfig>> streams,
                      AuthBackend backend, MeterRegistry meters) {
        this.sessions = sessions;
        this.gate = new PlayGate(sessions, streams, backend, meters);
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            gate.sweep();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PlayAuthorization.class).warn("session sweep: {}", e.toString(), e);
        }
    }

    public PlayGate gate() {
        return gate;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
