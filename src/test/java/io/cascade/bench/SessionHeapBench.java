package io.cascade.bench;

import io.cascade.auth.Admission;
import io.cascade.auth.BackendAnswer;
import io.cascade.auth.PlayGate;
import io.cascade.config.InputConfig;
import io.cascade.config.PlayAccess;
import io.cascade.config.Position;
import io.cascade.config.StreamConfig;
import io.cascade.session.PlayRequest;
import io.cascade.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap per viewer session and the gate's cost at scale, in this JVM: N distinct HLS viewers
 * (own address and token, browser-sized User-Agent) admitted to a stream with {@code on_play}
 * (a backend that allows at once, X-AuthDuration 30), then every one asking again as a player
 * refreshing its playlist does, then one sweep that re-checks them all.
 * Usage: {@code SessionHeapBench N...}; prints one Markdown table row per N.
 */
public final class SessionHeapBench {
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    private SessionHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        for (String n : args) {
            run(Integer.parseInt(n));
        }
        System.exit(0);
    }

    private static void run(int n) throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        AtomicLong asked = new AtomicLong();
        BackendAnswer allow = BackendAnswer.of(200, HttpHeaders.of(Map.of("X-AuthDuration", List.of("30")),
                (a, b) -> true));
        SessionRegistry sessions = new SessionRegistry("bench:80", clock::get, 60_000, 10_000);
        StreamConfig stream = new StreamConfig("tv", List.of(InputConfig.of("publish://", Map.of())), true,
                Optional.empty(), Optional.of("http://auth.bench/check"), Optional.empty(), OptionalDouble.empty(),
                new Position("bench", 1, 1), PlayAccess.OPEN);
        PlayGate gate = new PlayGate(sessions, name -> Optional.of(stream), uri -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(allow);
        }, new SimpleMeterRegistry());
        long before = usedHeap();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            admit(gate, i);
        }
        long admitNanos = System.nanoTime() - started;
        long after = usedHeap();
        started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            admit(gate, i);
        }
        long againNanos = System.nanoTime() - started;
        clock.addAndGet(31_000);
        started = System.nanoTime();
        gate.sweep();
        long sweepNanos = System.nanoTime() - started;
        System.out.printf("| %d | %d | %.0f | %.0f | %.1f | %d |%n", n, (after - before) / n,
                n / (admitNanos / 1e9), n / (againNanos / 1e9), sweepNanos / 1e6, asked.get());
        if (sessions.size() != n) {
            throw new IllegalStateException(sessions.size() + " sessions, not " + n);
        }
    }

    private static void admit(PlayGate gate, int i) {
        String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        PlayRequest r = new PlayRequest("tv", "hls", ip, Optional.of("token-" + i), Optional.empty(),
                "token=token-" + i, AGENT, "https://example.org/player", "cdn.example.org", false);
        if (!(gate.admit(r).join() instanceof Admission.Granted)) {
            throw new IllegalStateException("viewer " + i + " refused");
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
