package io.cascade.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.config.HostPort;
import io.cascade.config.StreamConfig;
import io.cascade.net.PeerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Follows one source's stream list: connects, takes each pushed list, reconnects with backoff
 * when the source goes away. The last list is kept while the source is away, so its streams stay
 * (and fail over to other sources) rather than vanish from viewers.
 */
final class SourceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceWatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The pause before reconnecting doubles from the first to the last. */
    static final long FIRST_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 5000;

    private final PeerConnector connector;
    private final BiConsumer<HostPort, List<RemoteStream>> onList;
    private final Runnable onChange;
    private volatile boolean connected;
    private volatile int connections;
    private volatile List<RemoteStream> last = List.of();
    private volatile Thread thread;
    private final java.util.Set<String> refusedNames = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SourceWatcher(PeerConnector connector, BiConsumer<HostPort, List<RemoteStream>> onList, Runnable onChange) {
        this.connector = connector;
        this.onList = onList;
        this.onChange = onChange;
    }

    void start() {
        Thread t = Thread.ofVirtual().name("source-" + connector.peer()).unstarted(this::loop);
        thread = t;
        t.start();
    }

    boolean connected() {
        return connected;
    }

    /** How many times the list connection was made: a new one means the source came back. */
    int connections() {
        return connections;
    }

    /** True when the source is connected and lists {@code name} as alive. */
    boolean offersAlive(String name) {
        return connected && last.stream().anyMatch(r -> r.name().equals(name) && r.alive());
    }

    private void loop() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (thread == Thread.currentThread()) {
            try (PeerConnector.Stream s = connector.open(M4fRoute.PREFIX)) {
                log.info("source {}: connected", connector.peer());
                connections++;
                backoff = FIRST_BACKOFF_MILLIS;
                read(s);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("source {}: {}", connector.peer(), PeerText.escape(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if (connected) {
                connected = false;
                onChange.run();
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private void read(PeerConnector.Stream s) throws IOException {
        s.readHello();
        while (true) {
            M4fMessage m = s.next();
            if (m.type() == 'L') {
                last = parse(m.payload(), this::refusedName);
                connected = true;
                onList.accept(connector.peer(), last);
            } else if (m.type() != 'P') {
                throw new M4fProtocolException("message '" + m.type() + "' has no place in a stream list");
            }
        }
    }

    /** The list's entries with a usable name; {@code refused} is told each other non-empty name. */
    static List<RemoteStream> parse(byte[] json, Consumer<String> refused) throws IOException {
        List<RemoteStream> list = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json).path("streams")) {
            String name = n.path("name").asText("");
            if (usableName(name)) {
                list.add(new RemoteStream(name, n.path("static").asBoolean(), n.path("alive").asBoolean()));
            } else if (!name.isEmpty()) {
                refused.accept(name);
            }
        }
        return List.copyOf(list);
    }

    /** Logs a name no stream can have, once (for at most 1000 names). */
    private void refusedName(String name) {
        if (refusedNames.size() < 1000 && refusedNames.add(name)) {
            log.warn("source {}: ignoring stream name {}", connector.peer(), PeerText.escape(name));
        }
    }

    /** A source's names follow the rules of configured ones; one that does not is not a stream. */
    private static boolean usableName(String name) {
        try {
            StreamConfig.checkName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
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
