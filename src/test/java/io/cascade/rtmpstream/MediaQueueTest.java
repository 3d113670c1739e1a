package io.cascade.rtmpstream;

import io.cascade.codec.TestClips;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.rtmp.FlvDemuxer;
import io.cascade.rtmp.SpsTracks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class MediaQueueTest {
    private static final Track VIDEO = Track.video(FlvDemuxer.VIDEO_TRACK, Codec.H264, new byte[0], 0, 0, 0);
    private static final Track AUDIO = Track.audio(FlvDemuxer.AUDIO_TRACK, Codec.AAC, new byte[]{0x11, (byte) 0x90}, 48000, 2);

    /** Collects what the queue delivers. */
    static class Collector implements MediaSink {
        final List<List<Track>> tracks = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onTracks(List<Track> t) {
            tracks.add(t);
        }

        @Override
        public void onFrame(Frame frame) {
            frames.add(frame);
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException();
        }
    }

    private static Frame video(long ms, boolean key) {
        return new Frame(FlvDemuxer.VIDEO_TRACK, ms * 90, ms * 90, 0, key, new byte[100]);
    }

    @Test
    void deliversTracksAndFramesWithDurationsUntilTheConnectionCloses() throws Exception {
        MediaQueue q = new MediaQueue("test");
        q.onTracks(List.of(VIDEO, AUDIO));
        q.onFrame(video(0, true));
        q.onFrame(video(40, false));
        q.onFrame(video(80, false));
        q.onClose();
        Collector sink = new Collector();
        q.deliverTo(sink);
        assertThat(sink.tracks).hasSize(1);
        assertThat(sink.frames).extracting(Frame::dts).containsExactly(0L, 3600L, 7200L);
        assertThat(sink.frames).extracting(Frame::duration).containsOnly(3600L);
        assertThat(q.isClosed()).isTrue();
    }

    @Test
    void withoutAReaderOnlyTheFramesSinceTheLastKeyframeAreKept() throws Exception {
        MediaQueue q = new MediaQueue("test");
        q.onTracks(List.of(VIDEO));
        for (int i = 0; i < 100; i++) {
            q.onFrame(video(i * 40L, i % 25 == 0));
        }
        q.onClose();
        Collector sink = new Collector();
        q.deliverTo(sink);
        assertThat(sink.frames).hasSize(25);
        assertThat(sink.frames.get(0).keyframe()).isTrue();
        assertThat(sink.frames.get(0).dts()).isEqualTo(75 * 40 * 90L);
    }

    @Test
    void aReaderThatFallsBehindResumesAtTheNextKeyframe() throws Exception {
        MediaQueue q = new MediaQueue("test");
        q.onTracks(List.of(VIDEO));
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Collector sink = new Collector() {
            @Override
            public void onFrame(Frame frame) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onFrame(frame);
            }
        };
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                q.deliverTo(sink);
            } catch (InterruptedException ignored) {
                // not expected: the test ends the queue
            }
        });
        q.onFrame(video(0, true));
        q.onFrame(video(40, false));
        stuck.await();
        int overflow = MediaQueue.MAX_FRAMES + 10;
        for (int i = 0; i < overflow; i++) {
            q.onFrame(video(80 + i * 40L, false));
        }
        long keyMs = 80 + overflow * 40L;
        q.onFrame(video(keyMs, true));
        q.onClose();
        release.countDown();
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(sink.frames).extracting(Frame::dts).containsExactly(0L, 40 * 90L, keyMs * 90);
        assertThat(sink.frames.get(2).keyframe()).isTrue();
    }

    @Test
    void videoTracksGetTheirSizeAndRateFromTheSps(@TempDir Path dir) throws Exception {
        Path clip = TestClips.make(dir, "v.mp4", "libx264", 0.2, "-an");
        Track real;
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(clip)) {
            real = demuxer.tracks().stream().filter(Track::isVideo).findFirst().orElseThrow();
        }
        Track fromRtmp = Track.video(FlvDemuxer.VIDEO_TRACK, Codec.H264, real.config(), 0, 0, 0);
        Track completed = SpsTracks.complete(List.of(fromRtmp)).get(0);
        assertThat(completed.width()).isEqualTo(640);
        assertThat(completed.height()).isEqualTo(360);
        assertThat(completed.frameRate()).isEqualTo(25.0);
        assertThat(completed.config()).isEqualTo(real.config());
    }

    @Test
    void anUnreadableSpsLeavesTheTrackAsAnnounced() {
        Track garbage = Track.video(FlvDemuxer.VIDEO_TRACK, Codec.H264, new byte[]{1, 2, 3}, 320, 240, 30);
        assertThat(SpsTracks.complete(List.of(garbage, AUDIO))).containsExactly(garbage, AUDIO);
    }

    @Test
    void anAbandonedQueueEndsItsReaderAndRefusesFurtherFrames() throws Exception {
        MediaQueue q = new MediaQueue("test");
        q.onTracks(List.of(VIDEO));
        q.onFrame(video(0, true));
        q.abandon();
        Collector sink = new Collector();
        q.deliverTo(sink);
        assertThat(sink.frames).hasSize(1);
        assertThat(q.isClosed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.onFrame(video(40, false)))
                .isInstanceOf(IllegalStateException.class);
    }
}
