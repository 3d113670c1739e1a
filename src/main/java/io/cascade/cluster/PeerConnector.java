package io.cascade.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade.config.HostPort;
import io.cascade.net.PeerText;

import java.io.EOFException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Opens signed, long-lived cluster requests to one peer: a challenge from the peer first, then
 * the request that answers it (see {@link ClusterAuth}). Reads block (callers are virtual
 * threads); a watchdog closes a response that has sent nothing, not even a ping, for
 * {@link #STALL_MILLIS}, so a stalled peer fails over as fast as a dead one.
 */
public final class PeerConnector {
    static final long STALL_MILLIS = 3000;
    /** The largest answer to a finite request: a segment's bytes and their framing, at most. */
    static final int MAX_FINITE_BODY = M4fMessage.MAX_PAYLOAD + 4096;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("m4f-watchdog").factory());

    private final HostPort peer;
    private final ClusterAuth auth;
    /** M4F bytes read from this peer, for the metrics. */
    private final LongAdder bytesIn = new LongAdder();
    private final AtomicInteger openStreams = new AtomicInteger();

    public PeerConnector(HostPort peer, ClusterAuth auth) {
        this.peer = peer;
        this.auth = auth;
    }

    public HostPort peer() {
        return peer;
    }

    /** M4F bytes read from this peer so far. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Responses from this peer being read now: above zero while the peer serves us. */
    public int openStreams() {
        return openStreams.get();
    }

    /** An open response body being read. */
    public static final class Stream implements AutoCloseable {
        private final InputStream body;
        private final M4fDecoder messages;
        private volatile long lastData = System.nanoTime();
        private volatile boolean stalled;
        private final ScheduledFuture<?> check;
        private final Runnable onClose;
        private final AtomicBoolean closed = new AtomicBoolean();

        Stream(InputStream raw, byte[] sessionKey, LongAdder counted, Runnable onClose) {
            this.onClose = onClose;
            this.body = new FilterInputStream(raw) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        lastData = System.nanoTime();
                        counted.add(n);
                    }
                    return n;
                }
            };
            this.messages = new M4fDecoder(body, sessionKey);
            this.check = WATCHDOG.scheduleWithFixedDelay(this::checkStall, 500, 500, TimeUnit.MILLISECONDS);
        }

        /**
         * The next message of the response, verified; the end of the response is an error, since
         * a live response never ends.
         */
        public M4fMessage next() throws IOException {
            try {
                M4fMessage m = messages.next();
                alive();
                return m;
            } catch (EOFException end) {
                if (stalled) {
                    throw new IOException("source stalled: no data for " + STALL_MILLIS + " ms");
                }
                throw new IOException("source closed the stream");
            }
        }

        /** Reads the hello, which must come first and speak our version; returns its fields. */
        JsonNode readHello() throws IOException {
            M4fMessage hello = next();
            if (hello.type() != 'H') {
                throw new M4fProtocolException("first message is '" + hello.type() + "', not the hello");
            }
            JsonNode json;
            try {
                json = JSON.readTree(hello.payload());
            } catch (IOException e) {
                throw new M4fProtocolException("unreadable hello");
            }
            int version = json.path("version").asInt(-1);
            if (version != M4fRoute.PROTOCOL_VERSION) {
                throw new M4fProtocolException("source speaks M4F version " + version + ", we speak " + M4fRoute.PROTOCOL_VERSION);
            }
            return json;
        }

        /** Marks a complete message read (pings included). */
        private void alive() {
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
            if (closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }

    /**
     * Asks the peer for a challenge, then sends a GET for {@code pathAndQuery} signed to answer
     * it, and returns the body once the peer answered 200, with the session key of its messages.
     */
    public Stream open(String pathAndQuery) throws IOException, InterruptedException {
        String challenge = challenge();
        Map<String, String> proof = auth.sign("GET", pathAndQuery, challenge);
        HttpRequest.Builder req = request(pathAndQuery);
        proof.forEach(req::header);
        HttpResponse<InputStream> r = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw refused(pathAndQuery, r.statusCode(), reason(r.body()));
        }
        openStreams.incrementAndGet();
        return new Stream(r.body(), auth.sessionKey(challenge, proof.get(ClusterAuth.NONCE_HEADER)), bytesIn,
                openStreams::decrementAndGet);
    }

    /** The status of a finite exchange and, when it is 200, its verified messages in order. */
    public record Reply(int status, java.util.List<M4fMessage> messages) {
    }

    /**
     * A finite signed GET (archive requests): the whole response read within {@code deadline},
     * challenge included, so an unreachable or stalled peer costs at most that long.
     */
    public Reply fetch(String pathAndQuery, Duration deadline) throws IOException, InterruptedException {
        return exchange("GET", pathAndQuery, null, deadline);
    }

    /** A finite signed POST whose body is {@code message}, MACed under the request's upload key. */
    public Reply post(String pathAndQuery, M4fMessage message, Duration deadline) throws IOException, InterruptedException {
        return exchange("POST", pathAndQuery, message, deadline);
    }

    private Reply exchange(String method, String pathAndQuery, M4fMessage body, Duration deadline)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        String challenge = await(CLIENT.sendAsync(request(M4fRoute.CHALLENGE).timeout(deadline).build(),
                HttpResponse.BodyHandlers.ofInputStream()), end, M4fRoute.CHALLENGE).thenChallenge(this);
        Map<String, String> proof = auth.sign(method, pathAndQuery, challenge);
        String nonce = proof.get(ClusterAuth.NONCE_HEADER);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery)).timeout(deadline);
        if (body == null) {
            req.GET();
        } else {
            byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(new M4fEncoder(auth.uploadKey(challenge, nonce)).encode(body));
            req.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", M4fRoute.CONTENT_TYPE);
        }
        proof.forEach(req::header);
        Answer a = await(CLIENT.sendAsync(req.build(), HttpResponse.BodyHandlers.ofInputStream()), end, pathAndQuery);
        if (a.status != 200) {
            return new Reply(a.status, java.util.List.of());
        }
        M4fDecoder d = new M4fDecoder(new java.io.ByteArrayInputStream(a.body), auth.sessionKey(challenge, nonce));
        java.util.List<M4fMessage> messages = new java.util.ArrayList<>();
        while (true) {
            try {
                messages.add(d.next());
            } catch (EOFException done) {
                return new Reply(200, java.util.List.copyOf(messages));
            }
        }
    }

    private record Answer(int status, byte[] body) {
        String thenChallenge(PeerConnector c) throws IOException {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
            if (status == 404) {
                throw new M4fProtocolException(c.peer + " does not speak M4F v" + M4fRoute.PROTOCOL_VERSION);
            }
            if (status != 200 || text.length() != 64) {
                throw c.refused(M4fRoute.CHALLENGE, status, text);
            }
            return text;
        }
    }

    /**
     * Waits for a response and reads its body until {@code end} (nanoTime): the body is closed at
     * the deadline, so a peer that stops sending cannot hold the caller. A body over
     * {@link #MAX_FINITE_BODY} is a protocol error.
     */
    private Answer await(java.util.concurrent.CompletableFuture<HttpResponse<InputStream>> f, long end, String path)
            throws IOException, InterruptedException {
        try {
            HttpResponse<InputStream> r = f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            ScheduledFuture<?> cut = WATCHDOG.schedule(() -> {
                try {
                    r.body().close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
            }, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_FINITE_BODY + 1);
                if (body.length > MAX_FINITE_BODY) {
                    throw new M4fProtocolException(peer + " answered " + PeerText.escape(path) + " with over " + MAX_FINITE_BODY + " bytes");
                }
                if (System.nanoTime() - end >= 0) {
                    throw new IOException(peer + " did not finish answering " + PeerText.escape(path) + " in time");
                }
                return new Answer(r.statusCode(), body);
            } finally {
                cut.cancel(false);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new IOException(peer + " did not answer " + PeerText.escape(path) + " in time");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException(peer + ": " + (c instanceof IOException && c.getMessage() != null ? c.getMessage() : c.toString()), c);
        }
    }

    private String challenge() throws IOException, InterruptedException {
        HttpResponse<InputStream> r = CLIENT.send(request(M4fRoute.CHALLENGE).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String body = reason(r.body());
        if (r.statusCode() == 404) {
            throw new M4fProtocolException(peer + " does not speak M4F v" + M4fRoute.PROTOCOL_VERSION + " (404 for "
                    + M4fRoute.CHALLENGE + "): it is probably an older Cascade, which speaks v1; upgrade it");
        }
        if (r.statusCode() != 200 || body.length() != 64) {
            throw refused(M4fRoute.CHALLENGE, r.statusCode(), body);
        }
        return body;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + peer + pathAndQuery)).timeout(Duration.ofSeconds(5)).GET();
    }

    private IOException refused(String path, int status, String reason) {
        return new IOException(peer + " answered " + status + " to " + path + ": " + PeerText.escape(reason));
    }

    private static String reason(InputStream body) throws IOException {
        try (InputStream in = body) {
            return new String(in.readNBytes(300), StandardCharsets.UTF_8).strip();
        }
    }
}
