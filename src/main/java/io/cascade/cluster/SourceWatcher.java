package io.cascade.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Follows one source's stream list: connects, takes each pushed list, reconnects with backoff
 * when the source goes away. The last list is kept while the source is away, so its streams stay
 * (and fail over to other sources) rather than vanish from viewers.
 */
final class SourceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceWatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A list line longer than this is not a list. */
    private static final int MAX_LINE = 8 << 20;

    private final PeerConnector connector;
    private final BiConsumer<HostPort, List<RemoteStream>> onList;
    private final Runnable onChange;
    private volatile boolean connected;
    private volatile List<RemoteStream> last = List.of();
    private volatile Thread thread;

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

    /** True when the source is connected and lists {@code name} as alive. */
    boolean offersAlive(String name) {
        return connected && last.stream().anyMatch(r -> r.name().equals(name) && r.alive());
    }

    private void loop() {
        long backoff = 200;
        while (thread == Thread.currentThread()) {
            try (PeerConnector.Stream s = connector.open(M4fRoute.PREFIX)) {
                log.info("source {}: connected", connector.peer());
                backoff = 200;
                read(new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8)), s);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("source {}: {}", connector.peer(), e.getMessage() == null ? e.toString() : e.getMessage());
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
            backoff = Math.min(backoff * 2, 5000);
        }
    }

    private void read(BufferedReader in, PeerConnector.Stream s) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.length() > MAX_LINE) {
                throw new M4fProtocolException("stream list line of " + line.length() + " chars");
            }
            s.alive();
            JsonNode node = JSON.readTree(line);
            if (!"streams".equals(node.path("type").asText())) {
                continue;
            }
            List<RemoteStream> list = new ArrayList<>();
            for (JsonNode n : node.path("streams")) {
                String name = n.path("name").asText("");
                if (!name.isEmpty()) {
                    list.add(new RemoteStream(name, n.path("static").asBoolean(), n.path("alive").asBoolean()));
                }
            }
            last = List.copyOf(list);
            connected = true;
            onList.accept(connector.peer(), last);
        }
        throw new IOException(s.stalled() ? "stalled" : "closed the stream list");
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
