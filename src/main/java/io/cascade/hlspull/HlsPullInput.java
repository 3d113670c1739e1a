package io.cascade.hlspull;

import io.cascade.cmaf.CmafInit;
import io.cascade.cmaf.CmafReader;
import io.cascade.input.Input;
import io.cascade.input.InputFormatException;
import io.cascade.input.MediaSink;
import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.mp4.Mp4FormatException;
import io.cascade.mpegts.TsDemuxer;
import io.cascade.tsinput.TsFeed;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code input hls://HOST/PATH.m3u8}: pulls a live HLS stream. A master playlist leads to its
 * highest variant, or with {@code ?bandwidth=N} to the highest one at most N bit/s (the lowest
 * if none is). The media playlist is reloaded about once per target duration; each segment is
 * fetched once, in order, from {@link #LIVE_EDGE_SEGMENTS} before the live edge at the start, and
 * its frames go out paced at real time. MPEG-TS and fMP4 ({@code #EXT-X-MAP}) segments are read.
 * A playlist that stops moving for {@link #STALL_TARGETS} target durations, ends, or breaks the
 * rules fails the input.
 */
public final class HlsPullInput implements Input {
    static final int MAX_PLAYLIST_BYTES = 1 << 20;
    static final int MAX_SEGMENT_BYTES = 64 << 20;
    static final int MAX_INIT_BYTES = 1 << 20;
    static final int LIVE_EDGE_SEGMENTS = 2;
    static final int STALL_TARGETS = 6;

    private final String url;
    private final URI playlist;
    private final long bandwidth;

    /** @throws IllegalArgumentException when the URL is no usable hls:// address */
    public HlsPullInput(String url) {
        this.url = url;
        URI parsed;
        try {
            parsed = new URI("http" + url.substring(url.indexOf("://")));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid hls input URL '" + url + "': " + e.getReason());
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("hls input URL '" + url + "' has no host");
        }
        this.bandwidth = bandwidthOption(parsed, url);
        this.playlist = withoutBandwidth(parsed);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean pulled() {
        return true;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        URI media = playlist;
        String text = fetchPlaylist(media);
        if (PlaylistParser.isMaster(text)) {
            media = choose(PlaylistParser.master(text, media), bandwidth).uri();
            text = fetchPlaylist(media);
        }
        new Follower(sink, media).follow(text);
    }

    static Variant choose(List<Variant> variants, long maxBandwidth) {
        Comparator<Variant> byBandwidth = Comparator.comparingLong(Variant::bandwidth);
        if (maxBandwidth <= 0) {
            return variants.stream().max(byBandwidth).orElseThrow();
        }
        return variants.stream().filter(v -> v.bandwidth() <= maxBandwidth).max(byBandwidth)
                .orElseGet(() -> variants.stream().min(byBandwidth).orElseThrow());
    }

    private static String fetchPlaylist(URI uri) throws IOException {
        return new String(HttpFetch.get(uri, MAX_PLAYLIST_BYTES), StandardCharsets.UTF_8);
    }

    /** Follows one media playlist as it slides. */
    private static final class Follower {
        private final MediaSink sink;
        private final URI uri;
        private final Pacer pacer = new Pacer();
        private long next = Long.MIN_VALUE;
        private TsFeed ts;
        private URI initUri;
        private CmafInit init;

        Follower(MediaSink sink, URI uri) {
            this.sink = sink;
            this.uri = uri;
        }

        void follow(String first) throws IOException, InterruptedException {
            String text = first;
            long lastProgress = System.nanoTime();
            while (true) {
                MediaPlaylist p = PlaylistParser.media(text, uri);
                long target = Math.clamp(p.targetDuration(), 1, 60);
                boolean progressed = play(p);
                if (p.ended()) {
                    throw new IOException("the playlist ended (#EXT-X-ENDLIST)");
                }
                long now = System.nanoTime();
                if (progressed) {
                    lastProgress = now;
                } else if (now - lastProgress > STALL_TARGETS * target * 1_000_000_000L) {
                    throw new IOException("the playlist has not moved for " + STALL_TARGETS * target + " s");
                }
                Thread.sleep(progressed ? target * 1000 / 2 : Math.max(500, target * 1000 / 4));
                text = fetchPlaylist(uri);
            }
        }

        /** Plays the segments not played yet; false when there were none. */
        private boolean play(MediaPlaylist p) throws IOException, InterruptedException {
            List<PlaylistSegment> segments = p.segments();
            if (segments.isEmpty()) {
                return false;
            }
            long last = segments.get(segments.size() - 1).sequence();
            if (next == Long.MIN_VALUE) {
                next = Math.max(segments.get(0).sequence(), last - LIVE_EDGE_SEGMENTS + 1);
            } else if (next < segments.get(0).sequence()) {
                // We fell behind the window (or its numbers restarted): go on from what is there.
                next = segments.get(0).sequence();
                pacer.reset();
                ts = null;
            }
            boolean any = false;
            for (PlaylistSegment s : segments) {
                if (s.sequence() >= next) {
                    playSegment(s);
                    next = s.sequence() + 1;
                    any = true;
                }
            }
            return any;
        }

        private void playSegment(PlaylistSegment s) throws IOException, InterruptedException {
            byte[] bytes = HttpFetch.get(s.uri(), MAX_SEGMENT_BYTES);
            if (s.discontinuity()) {
                pacer.reset();
                ts = null;
            }
            if (s.map().isPresent()) {
                playFragments(s, bytes);
            } else {
                if (ts == null) {
                    ts = new TsFeed(new PacedSink(sink, pacer), TsDemuxer.FIRST_PROGRAM);
                }
                ts.feed(bytes, 0, bytes.length);
            }
        }

        private void playFragments(PlaylistSegment s, byte[] bytes) throws IOException, InterruptedException {
            URI map = s.map().get();
            try {
                if (!map.equals(initUri)) {
                    init = CmafReader.parseInit(HttpFetch.get(map, MAX_INIT_BYTES));
                    initUri = map;
                    sink.onTracks(init.tracks());
                }
                sink.stats().addBytes(bytes.length);
                List<Frame> frames = CmafReader.readFragments(bytes, init).stream()
                        .sorted(Comparator.comparingLong(Frame::dts)).toList();
                for (Frame f : frames) {
                    pacer.await(f.dts());
                    sink.onFrame(f);
                }
            } catch (Mp4FormatException e) {
                throw new InputFormatException("segment " + s.sequence() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The real-time pacing of frames; a jump in time (a discontinuity) starts it again. */
    static final class Pacer {
        private long startNanos = Long.MIN_VALUE;
        private long startDts;

        void reset() {
            startNanos = Long.MIN_VALUE;
        }

        void await(long dts) throws InterruptedException {
            long now = System.nanoTime();
            long ahead = startNanos == Long.MIN_VALUE ? 0
                    : startNanos + (dts - startDts) * 1_000_000_000L / Timebase.HZ - now;
            if (startNanos == Long.MIN_VALUE || ahead > 10_000_000_000L || ahead < -30_000_000_000L) {
                startNanos = now;
                startDts = dts;
                return;
            }
            if (ahead > 0) {
                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
            }
        }
    }

    /** Frames from the TS demuxer, paced before they go on. */
    private record PacedSink(MediaSink to, Pacer pacer) implements MediaSink {
        @Override
        public void onTracks(List<io.cascade.media.Track> tracks) {
            to.onTracks(tracks);
        }

        @Override
        public void onFrame(Frame frame) {
            try {
                pacer.await(frame.dts());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PullStopped();
            }
            to.onFrame(frame);
        }

        @Override
        public io.cascade.input.InputStats stats() {
            return to.stats();
        }

        @Override
        public io.cascade.input.SegmentSink segments() {
            return to.segments();
        }
    }

    /** The pull was stopped while a frame waited for its time. */
    private static final class PullStopped extends RuntimeException {
        PullStopped() {
            super("stopped", null, false, false);
        }
    }

    static long bandwidthOption(URI uri, String url) {
        String q = uri.getRawQuery();
        if (q == null) {
            return 0;
        }
        for (String pair : q.split("&")) {
            if (pair.startsWith("bandwidth=")) {
                String v = pair.substring("bandwidth=".length());
                if (!v.matches("[0-9]{1,12}") || Long.parseLong(v) == 0) {
                    throw new IllegalArgumentException("input URL '" + url + "': bandwidth must be bits per second, not '"
                            + v + "'");
                }
                return Long.parseLong(v);
            }
        }
        return 0;
    }

    /** The playlist URL as the origin knows it: our own bandwidth option taken out. */
    static URI withoutBandwidth(URI uri) {
        String q = uri.getRawQuery();
        if (q == null) {
            return uri;
        }
        String rest = Stream.of(q.split("&")).filter(p -> !p.startsWith("bandwidth=")).collect(Collectors.joining("&"));
        String s = uri.toString();
        String base = s.substring(0, s.indexOf('?'));
        return URI.create(rest.isEmpty() ? base : base + "?" + rest);
    }

}
