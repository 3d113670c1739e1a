package io.cascade.rtmp;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RtmpFanoutTest {
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[]{1, 0x64, 0, 0x1F}, 320, 240, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[]{0x12, 0x10}, 44100, 2);
    private static final long T0 = 1_700_000_000L * 90_000;

    private final RtmpFanout fanout = new RtmpFanout(RtmpLimits.DEFAULT.withViewerQueue(1 << 20, Duration.ofMillis(100)));

    private static Frame video(int n, boolean key) {
        return new Frame(1, T0 + n * 3600L, T0 + n * 3600L, 3600, key, new byte[]{0, 0, 0, 1, (byte) (key ? 0x65 : 0x41)});
    }

    private static Frame audio(int n) {
        return new Frame(2, T0 + n * 3600L, T0 + n * 3600L, 0, true, new byte[]{0x21, (byte) n});
    }

    private static List<ByteBuf> written(EmbeddedChannel ch) {
        List<ByteBuf> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            out.add(b);
        }
        return out;
    }

    /** The messages a player would decode from these bytes (sent with chunk size 4096). */
    private static List<RtmpMessage> decode(List<ByteBuf> bytes) {
        EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULT));
        EmbeddedChannel control = new EmbeddedChannel(new RtmpChunkEncoder());
        control.writeOutbound(ProtocolControl.setChunkSize(RtmpFanout.CHUNK_SIZE));
        decoder.writeInbound((ByteBuf) control.readOutbound());
        ((RtmpMessage) decoder.readInbound()).release();
        bytes.forEach(b -> decoder.writeInbound(b.retainedDuplicate()));
        List<RtmpMessage> out = new ArrayList<>();
        RtmpMessage m;
        while ((m = decoder.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static void setWritable(EmbeddedChannel ch, boolean writable) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
    }

    @Test
    void framesDeliveredTogetherReachEachViewerInOneFlush() {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        int[] flushes = {0};
        EmbeddedChannel viewer = new EmbeddedChannel(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                flushes[0]++;
                ctx.flush();
            }
        });
        fanout.add(viewer);
        flushes[0] = 0;

        fanout.onFrames(List.of(video(0, true), audio(0), audio(1)));
        fanout.onFrames(List.of(video(1, false), audio(2)));

        assertThat(flushes[0]).isEqualTo(2);
        assertThat(decode(written(viewer))).extracting(RtmpMessage::typeId).containsExactly(
                RtmpMessageType.DATA_AMF0, RtmpMessageType.VIDEO, RtmpMessageType.AUDIO,
                RtmpMessageType.VIDEO, RtmpMessageType.AUDIO, RtmpMessageType.AUDIO,
                RtmpMessageType.VIDEO, RtmpMessageType.AUDIO);
    }

    @Test
    void lateViewerStartsAtOnceOnTheCachedKeyframeAfterHeaders() {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        fanout.onFrame(video(0, true));
        fanout.onFrame(video(1, false));
        fanout.onFrame(video(2, true));
        fanout.onFrame(audio(2));
        fanout.onFrame(video(3, false));
        EmbeddedChannel viewer = new EmbeddedChannel();
        fanout.add(viewer);

        List<RtmpMessage> messages = decode(written(viewer));
        assertThat(messages).extracting(RtmpMessage::typeId).containsExactly(
                RtmpMessageType.DATA_AMF0, RtmpMessageType.VIDEO, RtmpMessageType.AUDIO,
                RtmpMessageType.VIDEO, RtmpMessageType.AUDIO, RtmpMessageType.VIDEO);
        assertThat(messages).extracting(RtmpMessage::streamId).containsOnly(RtmpFanout.MEDIA_STREAM_ID);
        // sequence header (AVCPacketType 0) then the keyframe of frame 2, 80 ms after the feed's first frame
        assertThat(messages.get(1).payload().getByte(1)).isZero();
        assertThat(messages.get(3).payload().getByte(0)).isEqualTo((byte) 0x17);
        assertThat(messages.get(3).timestamp()).isEqualTo(80);
        assertThat(messages.get(0).timestamp()).as("headers stamped at the start").isEqualTo(80);
        messages.forEach(RtmpMessage::release);
    }

    @Test
    void viewerWithoutCacheWaitsForTheNextKeyframe() {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        EmbeddedChannel viewer = new EmbeddedChannel();
        fanout.add(viewer);
        fanout.onFrame(audio(0));
        fanout.onFrame(video(1, false));
        assertThat(written(viewer)).isEmpty();
        fanout.onFrame(video(2, true));
        List<RtmpMessage> messages = decode(written(viewer));
        assertThat(messages).extracting(RtmpMessage::typeId).containsExactly(
                RtmpMessageType.DATA_AMF0, RtmpMessageType.VIDEO, RtmpMessageType.AUDIO, RtmpMessageType.VIDEO);
        messages.forEach(RtmpMessage::release);
    }

    @Test
    void viewersShareTheEncodedBytes() {
        fanout.onTracks(List.of(VIDEO));
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        fanout.add(a);
        fanout.add(b);
        fanout.onFrame(video(0, true));
        written(a);
        written(b);
        fanout.onFrame(video(1, false));
        ByteBuf fromA = written(a).get(0);
        ByteBuf fromB = written(b).get(0);
        assertThat(fromA.unwrap()).isNotNull().isSameAs(fromB.unwrap());
    }

    @Test
    void slowViewerSkipsToTheNextKeyframeThenIsDropped() throws InterruptedException {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        EmbeddedChannel fast = new EmbeddedChannel();
        EmbeddedChannel slow = new EmbeddedChannel();
        fanout.add(fast);
        fanout.add(slow);
        fanout.onFrame(video(0, true));
        written(slow);
        written(fast);

        setWritable(slow, false);
        fanout.onFrame(video(1, false));
        fanout.onFrame(audio(1));
        setWritable(slow, true);
        fanout.onFrame(video(2, false));
        assertThat(written(slow)).as("skipping until a keyframe").isEmpty();
        fanout.onFrame(video(3, true));
        assertThat(decode(written(slow))).extracting(RtmpMessage::timestamp).containsExactly(120L);
        assertThat(written(fast)).hasSize(4);

        setWritable(slow, false);
        fanout.onFrame(video(4, false));
        Thread.sleep(150);
        fanout.onFrame(video(5, true));
        assertThat(slow.isOpen()).as("behind for longer than the limit").isFalse();
        assertThat(fast.isOpen()).isTrue();
    }

    @Test
    void newTracksRestartViewersWithFreshHeaders() {
        fanout.onTracks(List.of(VIDEO));
        EmbeddedChannel viewer = new EmbeddedChannel();
        fanout.add(viewer);
        fanout.onFrame(video(0, true));
        written(viewer);
        fanout.onTracks(List.of(VIDEO, AUDIO));
        fanout.onFrame(audio(1));
        assertThat(written(viewer)).isEmpty();
        fanout.onFrame(video(2, true));
        List<RtmpMessage> messages = decode(written(viewer));
        assertThat(messages).extracting(RtmpMessage::typeId).containsExactly(
                RtmpMessageType.DATA_AMF0, RtmpMessageType.VIDEO, RtmpMessageType.AUDIO, RtmpMessageType.VIDEO);
        messages.forEach(RtmpMessage::release);
    }
}
