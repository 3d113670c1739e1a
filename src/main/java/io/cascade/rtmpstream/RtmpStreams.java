package io.cascade.rtmpstream;

import io.cascade.auth.Admission;
import io.cascade.auth.PlayGate;
import io.cascade.net.PeerText;
import io.cascade.rtmp.PlayAnswer;
import io.cascade.rtmp.PlayerRequest;
import io.cascade.rtmp.PlayingViewer;
import io.cascade.session.PlayRequest;
import io.cascade.session.Session;
import io.cascade.rtmp.PlaybackFeed;
import io.cascade.rtmp.PublishSession;
import io.cascade.rtmp.RtmpHooks;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the RTMP server from the stream registry: a publisher is taken by a stream with a
 * {@code publish://} input and no other publisher; a player gets the stream's one
 * {@link StreamFeed}.
 */
public final class RtmpStreams implements RtmpHooks {
    private static final Logger log = LoggerFactory.getLogger(RtmpStreams.class);

    private final StreamRegistry registry;
    private final PublishPoints points;
    private final Map<LiveStream, StreamFeed> feeds = new HashMap<>();
    /** Admits players; null to let every player of a known stream in. */
    private final PlayGate gate;

    public RtmpStreams(StreamRegistry registry, PublishPoints points) {
        this(registry, points, null);
    }

    public RtmpStreams(StreamRegistry registry, PublishPoints points, PlayGate gate) {
        this.registry = registry;
        this.points = points;
        this.gate = gate;
    }

    /** The protocol name sessions and the authorization backend know RTMP by. */
    public static final String PROTO = "rtmp";

    @Override
    public CompletableFuture<PlayAnswer> play(PlayerRequest r) {
        Optional<LiveStream> stream = StreamNames.candidates(r.app(), r.name()).stream().map(registry::find)
                .flatMap(Optional::stream).findFirst();
        if (gate == null || stream.isEmpty()) {
            return RtmpHooksDefaults.play(this, r);
        }
        PlayRequest asked = new PlayRequest(stream.get().name(), PROTO, r.clientIp(), Query.param(r.query(), "token"),
                Optional.empty(), r.query(), r.flashVer(), r.pageUrl(), Query.host(r.tcUrl()), true);
        return gate.admit(asked).thenApply(a -> switch (a) {
            case Admission.Refused refused -> new PlayAnswer.Failed(refused.reason());
            case Admission.Granted granted -> {
                Session session = granted.session();
                session.countBytesFrom(r.bytesSent());
                StreamFeed feed = feedOf(stream.get());
                feed.viewerArrives(r.clientIp());
                yield new PlayAnswer.Play(feed, new PlayingViewer() {
                    @Override
                    public void onCut(Runnable cut) {
                        session.onCut(cut);
                    }

                    @Override
                    public void ended() {
                        gate.closed(session);
                    }
                });
            }
        });
    }

    @Override
    public Optional<PublishSession> publish(String app, String name, String clientIp) {
        List<String> names = StreamNames.candidates(app, name);
        Optional<LiveStream> target = names.stream().map(registry::find).flatMap(Optional::stream)
                .filter(RtmpStreams::acceptsPublishers).findFirst();
        if (target.isEmpty()) {
            log.warn("RTMP {}: no stream {} takes publishers (tried {}): refused", clientIp, PeerText.escape(app + "/" + name),
                    PeerText.escape(String.valueOf(names)));
            return Optional.empty();
        }
        String stream = target.get().name();
        Optional<PublishSession> session = points.claim(stream, clientIp).map(PublishSession.class::cast);
        if (session.isEmpty()) {
            log.warn("RTMP {}: stream {} already has a publisher: refused", clientIp, stream);
        } else {
            log.info("RTMP {}: publishing to stream {}", clientIp, stream);
        }
        return session;
    }

    @Override
    public Optional<PlaybackFeed> play(String app, String name, String clientIp) {
        for (String candidate : StreamNames.candidates(app, name)) {
            Optional<LiveStream> stream = registry.find(candidate);
            if (stream.isPresent()) {
                StreamFeed feed = feedOf(stream.get());
                feed.viewerArrives(clientIp);
                return Optional.of(feed);
            }
        }
        return Optional.empty();
    }

    /**
     * Keeps on-demand streams with RTMP viewers running, and forgets feeds and publishers of
     * removed streams.
     */
    void keepAlive() {
        points.dropUnless(name -> registry.find(name).isPresent());
        List<StreamFeed> current;
        synchronized (this) {
            feeds.keySet().removeIf(s -> registry.find(s.name()).orElse(null) != s);
            current = List.copyOf(feeds.values());
        }
        current.forEach(StreamFeed::keepAlive);
    }

    private synchronized StreamFeed feedOf(LiveStream stream) {
        return feeds.computeIfAbsent(stream, StreamFeed::new);
    }

    private static boolean acceptsPublishers(LiveStream s) {
        return s.config().inputs().stream().anyMatch(i -> i.scheme().equals("publish"));
    }
}
