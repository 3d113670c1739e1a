package io.cascade.rtspstream;

import io.cascade.media.InitSegment;
import io.cascade.net.PeerText;
import io.cascade.rtsp.RtspHooks;
import io.cascade.rtsp.RtspMedia;
import io.cascade.rtsp.RtspRefusal;
import io.cascade.rtsp.RtspStatus;
import io.cascade.rtsp.RtspViewer;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers the RTSP server from the stream registry: {@code rtsp://HOST:PORT/NAME} plays stream
 * NAME (which may hold {@code /}) once {@link PlayAdmission} lets the viewer in; an on-demand
 * stream starts, and a stream without media yet is waited for up to {@link #MEDIA_WAIT}, then refused with 503.
 */
final class RtspStreams implements RtspHooks {
    private static final Logger log = LoggerFactory.getLogger(RtspStreams.class);
    static final Duration MEDIA_WAIT = Duration.ofSeconds(10);

    private final StreamRegistry registry;
    private final PlayAdmission admission;
    private final Duration maxLag;
    private final Duration mediaWait;
    private final Map<LiveStream, StreamRtp> byStream = new HashMap<>();

    RtspStreams(StreamRegistry registry, PlayAdmission admission, Duration maxLag) {
        this(registry, admission, maxLag, MEDIA_WAIT);
    }

    RtspStreams(StreamRegistry registry, PlayAdmission admission, Duration maxLag, Duration mediaWait) {
        this.registry = registry;
        this.admission = admission;
        this.maxLag = maxLag;
        this.mediaWait = mediaWait;
    }

    @Override
    public CompletableFuture<RtspMedia> open(RtspViewer viewer) {
        String name = viewer.target().stream();
        Optional<LiveStream> found = registry.find(name);
        if (found.isEmpty()) {
            log.info("RTSP {}: no stream {}", viewer.clientIp(), PeerText.escape(name));
            return CompletableFuture.failedFuture(new RtspRefusal(RtspStatus.NOT_FOUND, "no stream " + name));
        }
        LiveStream stream = found.get();
        return admission.admit(viewer, stream.name())
                .thenCompose(allowed -> media(stream, viewer.clientIp()))
                .thenApply(init -> {
                    log.info("RTSP {}: viewer of stream {}", viewer.clientIp(), stream.name());
                    return new StreamMedia(rtpOf(stream), init, viewer.clientIp());
                });
    }

    /** The stream's init once it has media; an on-demand stream is started. */
    private CompletableFuture<InitSegment> media(LiveStream stream, String clientIp) {
        CompletableFuture<?> first = stream.request(clientIp);
        Optional<InitSegment> init = stream.store().init().filter(i -> !i.tracks().isEmpty());
        if (init.isPresent()) {
            return CompletableFuture.completedFuture(init.get());
        }
        // a copy: the store's future is shared, and a timeout must fail only this wait
        return first.copy().orTimeout(mediaWait.toMillis(), TimeUnit.MILLISECONDS)
                .handle((segment, error) -> stream.store().init().filter(i -> !i.tracks().isEmpty())
                        .orElseThrow(() -> new RtspRefusal(RtspStatus.SERVICE_UNAVAILABLE,
                                "stream " + stream.name() + " has no media yet")));
    }

    private synchronized StreamRtp rtpOf(LiveStream stream) {
        return byStream.computeIfAbsent(stream, s -> new StreamRtp(s, maxLag));
    }

    /** Keeps on-demand streams with RTSP viewers running; the viewers of removed streams are let go. */
    void keepAlive() {
        List<StreamRtp> current;
        List<StreamRtp> removed = new java.util.ArrayList<>();
        synchronized (this) {
            byStream.entrySet().removeIf(e -> {
                boolean gone = registry.find(e.getKey().name()).orElse(null) != e.getKey();
                if (gone) {
                    removed.add(e.getValue());
                }
                return gone;
            });
            current = List.copyOf(byStream.values());
        }
        removed.forEach(StreamRtp::end);
        current.forEach(StreamRtp::keepAlive);
    }
}
