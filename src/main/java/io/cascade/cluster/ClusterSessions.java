package io.cascade.cluster;

import io.cascade.config.HostPort;
import io.cascade.net.PeerText;
import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Cluster-wide sessions on one server: every {@link #TICK_MILLIS} it reports this server's own
 * sessions and those its lower tier reported ({@link ReportedSessions}) to the source each
 * stream is taken from, one sender per source host; it passes the cuts a source answers to the
 * local sessions or down to the reporter that holds them; and on a server that takes no stream
 * from a source (the origin), it enforces {@code X-Max-Sessions} over the whole cluster.
 */
public final class ClusterSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterSessions.class);
    static final long TICK_MILLIS = 250;
    static final long BACKLOG_MILLIS = 100;
    /** A report post, challenge included, ends within this. */
    static final Duration POST_DEADLINE = Duration.ofSeconds(2);
    /** A cut session that is still listed this long after is cut again. */
    private static final long RECUT_MILLIS = 5_000;

    private final String self;
    private final SessionSource local;
    private final ReportedSessions reported;
    private final boolean enforceLimits;
    private final Function<String, Optional<PeerConnector>> upstreamOf;
    private final Map<HostPort, Sender> senders = new ConcurrentHashMap<>();
    private final Map<SessionKey, Long> recentlyCut = new HashMap<>();
    private volatile Thread thread;

    /**
     * @param self          this server's name in reports: the {@code server} of its own sessions
     * @param upstreamOf    the source a stream is taken from now, empty for a local stream
     * @param enforceLimits whether this server has the whole view (it takes nothing from a source)
     */
    public ClusterSessions(String self, SessionSource local, ReportedSessions reported, boolean enforceLimits,
                           Function<String, Optional<PeerConnector>> upstreamOf) {
        this.self = self;
        this.local = local;
        this.reported = reported;
        this.enforceLimits = enforceLimits;
        this.upstreamOf = upstreamOf;
    }

    public void start() {
        Thread t = Thread.ofVirtual().name("cluster-sessions").unstarted(this::loop);
        thread = t;
        t.start();
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            try {
                tick(System.currentTimeMillis());
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("cluster sessions: {}", e.toString(), e);
            }
        }
    }

    /** One round: leases, the cluster limit, and what each source should now know. */
    void tick(long now) {
        reported.expire();
        List<ViewerSession> all = new ArrayList<>();
        for (ViewerSession s : local.sessions()) {
            all.add(s.server().isEmpty() ? s.onServer(self) : s);
        }
        all.addAll(reported.all());
        if (enforceLimits) {
            enforce(all, now);
        }
        Map<HostPort, List<ViewerSession>> byHost = new LinkedHashMap<>();
        Map<HostPort, PeerConnector> connectors = new HashMap<>();
        for (ViewerSession s : all) {
            upstreamOf.apply(s.name()).ifPresent(c -> {
                connectors.putIfAbsent(c.peer(), c);
                byHost.computeIfAbsent(c.peer(), h -> new ArrayList<>()).add(s);
            });
        }
        byHost.forEach((host, list) -> senders.computeIfAbsent(host, h -> new Sender(connectors.get(h))).wanted = list);
        senders.forEach((host, sender) -> {
            if (!byHost.containsKey(host)) {
                sender.wanted = List.of();
            }
        });
    }

    private void enforce(List<ViewerSession> all, long now) {
        recentlyCut.values().removeIf(at -> now - at > RECUT_MILLIS);
        for (SessionKey k : ClusterSessionLimit.overLimit(all)) {
            if (recentlyCut.putIfAbsent(k, now) == null) {
                log.info("cluster: cutting session {} on {}: its user is over X-Max-Sessions across the cluster",
                        PeerText.escape(k.id()), PeerText.escape(k.server()));
                cut(k);
            }
        }
    }

    /** Cuts a session here, or passes the cut to the reporter below that holds it. */
    void cut(SessionKey k) {
        if (k.server().equals(self)) {
            local.cut(k.id());
        } else {
            reported.cut(k);
        }
    }

    /** Reports to one source host, on its own virtual thread, so a slow source delays no other. */
    private final class Sender {
        private final PeerConnector connector;
        private final SessionReporter reporter = new SessionReporter(self);
        private final RateLimitedLog failures = new RateLimitedLog(log, 10_000);
        volatile List<ViewerSession> wanted = List.of();

        Sender(PeerConnector connector) {
            this.connector = connector;
            Thread.ofVirtual().name("session-report-" + connector.peer()).start(this::run);
        }

        private void run() {
            while (thread != null) {
                try {
                    send(System.currentTimeMillis());
                    // a backlog of opened sessions (thousands of viewers at once) goes at up to 10 reports a second
                    Thread.sleep(reporter.backlog() ? BACKLOG_MILLIS : TICK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void send(long now) throws InterruptedException {
            SessionReport r = reporter.next(wanted, now);
            if (r == null) {
                return;
            }
            try {
                PeerConnector.Reply reply = connector.post(M4fRoute.SESSIONS, r.toMessage(), POST_DEADLINE);
                if (reply.status() != 200 || reply.messages().size() != 2) {
                    throw new IOException("answered " + reply.status());
                }
                ReportAnswer a = ReportAnswer.of(reply.messages().get(1));
                reporter.delivered(r, a, System.currentTimeMillis());
                a.cuts().forEach(ClusterSessions.this::cut);
            } catch (IOException e) {
                reporter.lost(r);
                failures.warn("session report to " + connector.peer() + ": " + PeerText.escape(String.valueOf(e.getMessage())));
            }
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }
}
