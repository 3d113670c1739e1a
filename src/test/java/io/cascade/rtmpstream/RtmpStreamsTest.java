package io.cascade.rtmpstream;

import io.cascade.config.ConfigLoader;
import io.cascade.config.ServerConfig;
import io.cascade.input.InputFactory;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtmp.PlaybackFeed;
import io.cascade.rtmp.PublishSession;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class RtmpStreamsTest {
    private StreamRegistry registry;
    private PublishPoints points;
    private RtmpStreams hooks;

    @BeforeEach
    void setUp() throws Exception {
        ServerConfig config = ConfigLoader.parse("""
                stream cam1 { input publish://; }
                stream news/one { input publish://; }
                stream lazyfile { input file://missing.mp4; ondemand; }
                """, "test.conf");
        registry = new StreamRegistry(60_000);
        points = new PublishPoints();
        InputFactory inputs = new InputFactory(Path.of("."));
        inputs.register("publish", points::input);
        for (var sc : config.streams()) {
            registry.add(new LiveStream(sc, 2.0, 5, inputs));
        }
        hooks = new RtmpStreams(registry, points);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void aPublisherIsTakenOnlyByAStreamWithAPublishInput() {
        assertThat(hooks.publish("static", "nosuch", "1.2.3.4")).isEmpty();
        assertThat(hooks.publish("static", "lazyfile", "1.2.3.4")).isEmpty();
        assertThat(hooks.publish("static", "cam1", "1.2.3.4")).isPresent();
        assertThat(hooks.publish("news", "one", "1.2.3.4")).isPresent();
    }

    @Test
    void aSecondPublisherIsRefusedUntilTheFirstHasGone() {
        PublishSession first = hooks.publish("static", "cam1", "1.2.3.4").orElseThrow();
        assertThat(hooks.publish("", "cam1", "5.6.7.8")).isEmpty();
        assertThat(points.busy("cam1")).isTrue();
        first.onClose();
        assertThat(hooks.publish("", "cam1", "5.6.7.8")).isPresent();
    }

    @Test
    void thePublisherOfARemovedStreamIsDropped() {
        PublishSession publisher = hooks.publish("static", "cam1", "1.2.3.4").orElseThrow();
        registry.remove("cam1");
        hooks.keepAlive();
        assertThat(points.busy("cam1")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> publisher.onFrame(new Frame(1, 0, 0, 0, true, new byte[4])))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void playersOfOneStreamShareOneFeedAndUnknownNamesGetNone() {
        Optional<PlaybackFeed> a = hooks.play("static", "cam1", "1.2.3.4");
        Optional<PlaybackFeed> b = hooks.play("", "cam1", "5.6.7.8");
        assertThat(a).isPresent();
        assertThat(b.orElseThrow()).isSameAs(a.orElseThrow());
        assertThat(hooks.play("static", "news/one", "1.2.3.4").orElseThrow()).isNotSameAs(a.get());
        assertThat(hooks.play("static", "nosuch", "1.2.3.4")).isEmpty();
    }

    @Test
    void playingAnOnDemandStreamStartsIt() {
        LiveStream lazy = registry.find("lazyfile").orElseThrow();
        assertThat(lazy.activeInput()).isEmpty();
        hooks.play("static", "lazyfile", "1.2.3.4");
        assertThat(lazy.clients()).isEqualTo(1);
    }

    @Test
    void thePublishInputDeliversOnePublisherAndEndsWhenItGoes() throws Exception {
        // points of its own: the registry's cam1 runs a publish input too, and would compete
        PublishPoints own = new PublishPoints();
        PublishInput input = own.input("solo", "publish://");
        List<Object> got = new CopyOnWriteArrayList<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                input.run(new MediaSink() {
                    @Override
                    public void onTracks(List<Track> tracks) {
                        got.add(tracks);
                    }

                    @Override
                    public void onFrame(Frame frame) {
                        got.add(frame);
                    }

                    @Override
                    public SegmentSink segments() {
                        throw new UnsupportedOperationException();
                    }
                });
            } catch (InterruptedException e) {
                got.add(e);
            }
        });
        Thread.sleep(100);
        assertThat(runner.isAlive()).as("waits for a publisher").isTrue();
        PublishSession publisher = own.claim("solo", "1.2.3.4").orElseThrow();
        publisher.onTracks(List.of(Track.audio(2, Codec.AAC, new byte[]{0x11, (byte) 0x90}, 48000, 2)));
        publisher.onFrame(new Frame(2, 0, 0, 0, true, new byte[4]));
        publisher.onFrame(new Frame(2, 1920, 1920, 0, true, new byte[4]));
        publisher.onClose();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(got).hasSize(3);
        assertThat(got.get(0)).isInstanceOf(List.class);
        assertThat(own.busy("solo")).isFalse();
    }
}
