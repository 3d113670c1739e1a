package io.cascade.rtmp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlvTagTest {
    private static final byte[] AVCC = {1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 2, 0x67, 0x64, 1, 0, 2, 0x68, (byte) 0xEE};
    private static final byte[] ASC_44100_STEREO = {0x12, 0x10};

    static final class Sink implements PublishSession {
        final List<List<Track>> tracks = new ArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        boolean closed;

        @Override
        public void onTracks(List<Track> t) {
            tracks.add(t);
        }

        @Override
        public void onFrame(Frame f) {
            frames.add(f);
        }

        @Override
        public void onClose() {
            closed = true;
        }
    }

    /** The smallest hvcC a parser takes: version 1, 4-byte lengths, one SPS array of one 2-byte NAL. */
    private static final String HVCC_HEX = "010000000000000000000000000000000000000000ff01a1000100024201";

    private static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
    }

    @Test
    void avcSequenceHeaderAndNaluBecomeTrackAndFrame() throws Exception {
        Sink sink = new Sink();
        FlvDemuxer demuxer = new FlvDemuxer(sink);
        demuxer.onMetaData(Map.of("width", 1280.0, "height", 720.0, "framerate", 30.0));
        demuxer.onVideo(0, Unpooled.buffer().writeBytes(new byte[]{0x17, 0, 0, 0, 0}).writeBytes(AVCC));
        assertThat(sink.tracks).isEmpty();
        // keyframe, NALU, composition time 80 ms, one 2-byte NAL
        demuxer.onVideo(1000, hex("17 01 000050 00000002 6588"));
        demuxer.onVideo(1040, hex("27 01 fffff6 00000001 41")); // composition -10 ms

        assertThat(sink.tracks).singleElement().satisfies(t ->
                assertThat(t).containsExactly(Track.video(1, Codec.H264, AVCC, 1280, 720, 30)));
        assertThat(sink.frames).hasSize(2);
        Frame key = sink.frames.get(0);
        assertThat(key.keyframe()).isTrue();
        assertThat(key.dts()).isEqualTo(90_000);
        assertThat(key.pts()).isEqualTo(90_000 + 80 * 90);
        assertThat(key.data()).containsExactly(0, 0, 0, 2, 0x65, 0x88);
        Frame inter = sink.frames.get(1);
        assertThat(inter.keyframe()).isFalse();
        assertThat(inter.pts() - inter.dts()).isEqualTo(-900);
    }

    @Test
    void aacSequenceHeaderGivesRateAndChannels() throws Exception {
        Sink sink = new Sink();
        FlvDemuxer demuxer = new FlvDemuxer(sink);
        demuxer.onAudio(0, hex("af 00 1210"));
        demuxer.onAudio(23, hex("af 01 21 00 49"));
        assertThat(sink.tracks.get(0)).containsExactly(Track.audio(2, Codec.AAC, ASC_44100_STEREO, 44100, 2));
        assertThat(sink.frames).singleElement().satisfies(f -> {
            assertThat(f.trackId()).isEqualTo(2);
            assertThat(f.dts()).isEqualTo(23 * 90);
            assertThat(f.keyframe()).isTrue();
            assertThat(f.data()).containsExactly(0x21, 0, 0x49);
        });
    }

    @Test
    void enhancedRtmpHevc() throws Exception {
        Sink sink = new Sink();
        FlvDemuxer demuxer = new FlvDemuxer(sink);
        // ExHeader | key frame | SequenceStart, 'hvc1', config
        demuxer.onVideo(0, hex("90 68766331 " + HVCC_HEX));
        demuxer.onVideo(40, hex("91 68766331 000028 00000001 26")); // CodedFrames with composition time 40
        demuxer.onVideo(80, hex("a3 68766331 00000001 02"));         // inter, CodedFramesX
        assertThat(sink.tracks.get(0).get(0).codec()).isEqualTo(Codec.H265);
        assertThat(sink.tracks.get(0).get(0).config()).isEqualTo(ByteBufUtil.decodeHexDump(HVCC_HEX));
        assertThat(sink.frames).extracting(Frame::keyframe).containsExactly(true, false);
        assertThat(sink.frames.get(0).pts() - sink.frames.get(0).dts()).isEqualTo(40 * 90);
        assertThat(sink.frames.get(1).pts()).isEqualTo(sink.frames.get(1).dts());
        assertThat(sink.frames.get(1).data()).containsExactly(0, 0, 0, 1, 2);
    }

    @Test
    void framesBeforeSequenceHeaderAndOtherCodecsAreDropped() throws Exception {
        Sink sink = new Sink();
        FlvDemuxer demuxer = new FlvDemuxer(sink);
        demuxer.onVideo(0, hex("17 01 000000 00000001 65"));
        demuxer.onVideo(0, hex("12 0000"));   // Sorenson H.263
        demuxer.onAudio(0, hex("2f 00"));     // MP3
        assertThat(sink.frames).isEmpty();
        assertThat(sink.tracks).isEmpty();
    }

    @Test
    void truncatedTagsFail() {
        FlvDemuxer demuxer = new FlvDemuxer(new Sink());
        assertThatThrownBy(() -> demuxer.onVideo(0, hex("17 01"))).isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> demuxer.onAudio(0, hex("af 00 12"))).isInstanceOf(RtmpProtocolException.class);
        assertThatThrownBy(() -> demuxer.onVideo(0, hex("90 6876"))).isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void aSequenceHeaderThatIsNoConfigurationRecordIsRefused() {
        FlvDemuxer demuxer = new FlvDemuxer(new Sink());
        // AVC sequence header (0x17 0x00, composition 0) carrying junk instead of an avcC
        assertThatThrownBy(() -> demuxer.onVideo(0, hex("17 00 000000 de ad be ef 00 11 22 33")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("sequence header");
        assertThatThrownBy(() -> demuxer.onVideo(0, hex("90 68766331 01 02 03")))
                .isInstanceOf(RtmpProtocolException.class).hasMessageContaining("sequence header");
    }

    @Test
    void tracksAreAnnouncedAgainWhenTheyChange() throws Exception {
        Sink sink = new Sink();
        FlvDemuxer demuxer = new FlvDemuxer(sink);
        demuxer.onAudio(0, hex("af 00 1210"));
        demuxer.onAudio(0, hex("af 01 00"));
        demuxer.onAudio(0, hex("af 00 1210")); // same again: no new announcement
        demuxer.onAudio(0, hex("af 01 00"));
        demuxer.onAudio(0, hex("af 00 1188")); // 48 kHz mono
        demuxer.onAudio(0, hex("af 01 00"));
        assertThat(sink.tracks).hasSize(2);
        assertThat(sink.tracks.get(1).get(0).sampleRate()).isEqualTo(48000);
        assertThat(sink.tracks.get(1).get(0).channels()).isEqualTo(1);
    }

    @Test
    void muxerOutputParsesBackToTheSameFrames() throws Exception {
        Track video = Track.video(1, Codec.H264, AVCC, 0, 0, 0);
        Track hevc = Track.video(1, Codec.H265, ByteBufUtil.decodeHexDump(HVCC_HEX), 0, 0, 0);
        Track audio = Track.audio(2, Codec.AAC, ASC_44100_STEREO, 44100, 2);
        Frame v = new Frame(1, 0, 3600, 0, true, new byte[]{0, 0, 0, 1, 0x65});
        Frame a = new Frame(2, 0, 0, 0, true, new byte[]{0x21, 0x10});

        for (Track t : List.of(video, hevc)) {
            Sink sink = new Sink();
            FlvDemuxer demuxer = new FlvDemuxer(sink);
            demuxer.onVideo(0, FlvMuxer.videoSequenceHeader(t));
            demuxer.onAudio(0, FlvMuxer.audioSequenceHeader(audio));
            demuxer.onVideo(0, FlvMuxer.videoFrame(t, v));
            demuxer.onAudio(0, FlvMuxer.audioFrame(a));
            assertThat(sink.tracks.get(0)).containsExactly(t, audio);
            assertThat(sink.frames).usingRecursiveFieldByFieldElementComparator().containsExactly(v, a);
        }
        assertThat(ByteBufUtil.hexDump(FlvMuxer.videoFrame(video, v))).isEqualTo("1701000028" + "0000000165");
        assertThat(FlvMuxer.metaData(List.of(Track.video(1, Codec.H264, AVCC, 320, 240, 25), audio)))
                .containsEntry("width", 320.0).containsEntry("videocodecid", 7.0)
                .containsEntry("audiocodecid", 10.0).containsEntry("audiosamplerate", 44100.0);
    }

    @Test
    void clockUnwrapsAcrossTheThirtyTwoBitWrap() {
        RtmpClock clock = new RtmpClock();
        assertThat(clock.unwrapMillis(0xFFFFFF00L)).isEqualTo(0xFFFFFF00L);
        assertThat(clock.unwrapMillis(0x00000010L)).isEqualTo(0x100000010L);
        assertThat(clock.unwrapMillis(0xFFFFFFF0L)).as("small step back over the wrap").isEqualTo(0xFFFFFFF0L);
        assertThat(clock.unwrapMillis(0x00000020L)).isEqualTo(0x100000020L);
        assertThat(clock.unwrapTicks(0x00000021L)).isEqualTo(0x100000021L * 90);
    }

    @Test
    void clockWrapsForPlayback() {
        long origin = 1_700_000_000_000L * 90;
        assertThat(RtmpClock.toWire(origin + 90_000, origin)).isEqualTo(1000);
        assertThat(RtmpClock.toWire(origin + (1L << 32) * 90 + 450, origin)).isEqualTo(5);
    }
}
