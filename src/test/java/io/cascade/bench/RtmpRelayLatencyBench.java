package io.cascade.bench;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtmp.PublishSession;
import io.cascade.rtmp.RtmpPuller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hop latency of an RTMP relay: plays the same stream from the origin and from the relay at once
 * and, for each frame, takes the difference between its arrival from the relay and from the
 * origin. Video frames are matched by their bytes (the relay does not change them); a looping
 * clip repeats them, so each is matched to the nearest arrival with the same bytes. Audio is left
 * out: a steady tone makes many identical AAC frames within a second.
 * Usage: {@code RtmpRelayLatencyBench LABEL ORIGIN_URL RELAY_URL [SECONDS]}; prints one Markdown row.
 */
public final class RtmpRelayLatencyBench {
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(3);

    private RtmpRelayLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        FrameArrivals origin = new FrameArrivals();
        FrameArrivals relay = new FrameArrivals();
        try (RtmpPuller a = new RtmpPuller(args[1], origin); RtmpPuller b = new RtmpPuller(args[2], relay)) {
            a.start().get(10, TimeUnit.SECONDS);
            b.start().get(10, TimeUnit.SECONDS);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WARMUP_NANOS) + seconds * 1000L);
        }
        Samples hop = new Samples();
        long from = relay.firstNanos() + WARMUP_NANOS;
        int unmatched = 0;
        for (Map.Entry<Long, List<Long>> e : relay.snapshot().entrySet()) {
            List<Long> atOrigin = origin.snapshot().getOrDefault(e.getKey(), List.of());
            for (long t : e.getValue()) {
                if (t < from) {
                    continue;
                }
                long nearest = nearest(atOrigin, t);
                if (nearest == Long.MIN_VALUE) {
                    unmatched++;
                } else {
                    hop.add((t - nearest) / 1e6);
                }
            }
        }
        System.out.println("| " + label + " | " + seconds + " s | " + hop.count() + " | " + Samples.ms(hop.median())
                + " | " + Samples.ms(hop.p95()) + " | " + Samples.ms(hop.max()) + " |");
        System.err.println("relay minus origin, min " + Samples.ms(hop.percentile(0)) + " ms");
        if (unmatched > 0) {
            System.err.println(unmatched + " relay frames had no matching origin frame");
        }
        System.exit(0);
    }

    /** The arrival nearest to {@code t}, if within 5 s (the clip loops every 20 s), else MIN_VALUE. */
    private static long nearest(List<Long> times, long t) {
        long best = Long.MIN_VALUE;
        for (long x : times) {
            if (Math.abs(x - t) < TimeUnit.SECONDS.toNanos(5)
                    && (best == Long.MIN_VALUE || Math.abs(x - t) < Math.abs(best - t))) {
                best = x;
            }
        }
        return best;
    }

    /** Arrival times of frames, keyed by track and bytes. */
    private static final class FrameArrivals implements PublishSession {
        private final Map<Long, List<Long>> byFrame = new HashMap<>();
        private final java.util.Set<Integer> videoTracks = new java.util.HashSet<>();
        private long first = Long.MIN_VALUE;

        @Override
        public synchronized void onTracks(List<Track> tracks) {
            videoTracks.clear();
            tracks.stream().filter(Track::isVideo).forEach(t -> videoTracks.add(t.id()));
        }

        @Override
        public synchronized void onFrame(Frame frame) {
            long now = System.nanoTime();
            if (!videoTracks.contains(frame.trackId())) {
                return;
            }
            if (first == Long.MIN_VALUE) {
                first = now;
            }
            long key = ((long) Arrays.hashCode(frame.data()) << 32) ^ ((long) frame.data().length << 4) ^ frame.trackId();
            byFrame.computeIfAbsent(key, k -> new ArrayList<>()).add(now);
        }

        @Override
        public void onClose() {
        }

        synchronized long firstNanos() {
            return first;
        }

        synchronized Map<Long, List<Long>> snapshot() {
            Map<Long, List<Long>> copy = new HashMap<>();
            byFrame.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
            return copy;
        }
    }
}
