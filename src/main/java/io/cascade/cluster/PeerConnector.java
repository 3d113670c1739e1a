package io.cascade.cluster;

import io.cascade.config.HostPort;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens signed, long-lived cluster requests to one peer. Reads block (callers are virtual
 * threads); a watchdog closes a response that has sent nothing, not even a ping, for
 * {@link #STALL_MILLIS}, so a stalled peer fails over as fast as a dead one.
 */
public final class PeerConnector {
    static final long STALL_MILLIS = 3000;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("m4f-watchdog").factory());

    private final HostPort peer;
    private final ClusterAuth auth;

    public PeerConnector(HostPort peer, ClusterAuth auth) {
        this.peer = peer;
        this.auth = auth;
    }

    public HostPort peer() {
        return peer;
    }

    /** An open response body being read. */
    public static final class Stream implements AutoCloseable {
        private final InputStream body;
        private volatile long lastData = System.nanoTime();
        private volatile boolean stalled;
        private final ScheduledFuture<?> check;

        Stream(InputStream raw) {
            this.body = new FilterInputStream(raw) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        lastData = System.nanoTime();
                    }
                    return n;
                }
            };
            this.check = WATCHDOG.scheduleWithFixedDelay(this::checkStall, 500, 500, TimeUnit.MILLISECONDS);
        }

        public InputStream body() {
            return body;
        }

        /** Marks a complete message read (pings included). */
        void alive() {
            lastData = System.nanoTime();
        }

        boolean stalled() {
            return stalled;
        }

        private void checkStall() {
            if (System.nanoTime() - lastData > TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
                stalled = true;
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }

        @Override
        public void close() {
            check.cancel(false);
            closeQuietly();
        }
    }

    /** Sends a signed GET for {@code pathAndQuery} and returns its body once the peer answered 200. */
    public Stream open(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + peer + pathAndQuery);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        for (Map.Entry<String, String> h : auth.sign("GET", pathAndQuery).entrySet()) {
            req.header(h.getKey(), h.getValue());
        }
        HttpResponse<InputStream> r = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            String why;
            try (InputStream in = r.body()) {
                why = new String(in.readNBytes(300), StandardCharsets.UTF_8);
            }
            throw new IOException(peer + " answered " + r.statusCode() + ": " + why);
        }
        return new Stream(r.body());
    }
}
