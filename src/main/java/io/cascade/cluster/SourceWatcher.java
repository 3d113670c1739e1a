package io.cascade.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
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
                read(s.body(), s);
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

    private void read(InputStream in, PeerConnector.Stream s) throws IOException {
        String line;
        while ((line = readLine(in)) != null) {
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

    /** One line, refusing any longer than {@link #MAX_LINE} before it is read whole. */
    private static String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE) {
                throw new M4fProtocolException("stream list line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
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
