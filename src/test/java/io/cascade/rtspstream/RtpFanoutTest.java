package io.cascade.rtspstream;

import io.cascade.codec.Nal;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.rtp.NtpTime;
import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.RtpPacket;
import io.cascade.rtsp.RtpSink;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RtpFanoutTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 2026-01-01T00:00:00Z on the 90 kHz timeline. */
    private static final long T0 = 1_767_225_600L * 90_000;
    private static final Track VIDEO = Track.video(1, Codec.H264, avcC(), 640, 360, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, HEX.parseHex("1190"), 48_000, 2);

    private final List<FakeSink> sinks = new ArrayList<>();
    private final RtpFanout fanout = new RtpFanout("news", Duration.ofSeconds(10));

    private static byte[] avcC() {
        try {
            return io.cascade.testing.GoldenSamples.h264Config().toBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A viewer's connection: collects what it is sent, writable as the test says. */
    static final class FakeSink implements RtpSink {
        final List<byte[]> sent = new ArrayList<>();
        boolean writable = true;
        boolean udp;
        String closed;

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public boolean takesBursts() {
            return !udp;
        }

        @Override
        public void send(List<ByteBuf> packets) {
            for (ByteBuf p : packets) {
                // one buffer may hold several packets of a frame: kept one by one, as the wire has them
                RtpSink.forEachPacket(p, (at, length) -> sent.add(io.netty.buffer.ByteBufUtil.getBytes(p, at - 4, length + 4)));
                p.release();
            }
        }

        @Override
        public void close(String why) {
            closed = why;
        }

        @Override
        public String peer() {
            return "test";
        }

        List<RtpPacket> rtp(int channel) throws Exception {
            List<RtpPacket> out = new ArrayList<>();
            for (byte[] b : sent) {
                if (b[1] == channel) {
                    out.add(RtpPacket.decode(io.netty.buffer.Unpooled.wrappedBuffer(b, 4, b.length - 4)));
                }
            }
            return out;
        }

        List<RtcpSenderReport> reports(int channel) throws Exception {
            List<RtcpSenderReport> out = new ArrayList<>();
            for (byte[] b : sent) {
                if (b[1] == channel) {
                    out.add(RtcpSenderReport.of(RtcpPacket.readCompound(
                            io.netty.buffer.Unpooled.wrappedBuffer(b, 4, b.length - 4)).getFirst()));
                }
            }
            return out;
        }
    }

    @AfterEach
    void clear() {
        fanout.clear();
    }

    private RtpFanout.Viewer viewer(FakeSink sink) {
        sinks.add(sink);
        RtpFanout.Viewer v = fanout.add(sink, Set.of(0, 1), List.of(VIDEO, AUDIO), () -> { });
        v.start();
        return v;
    }

    private static Frame video(int n, boolean key, long ptsOffset) {
        byte[] nal = {(byte) (key ? 0x65 : 0x41), (byte) n};
        return new Frame(1, T0 + n * 3600L, T0 + n * 3600L + ptsOffset, 3600, key, Nal.toLengthPrefixed(List.of(nal)));
    }

    private static Frame audio(int n) {
        return new Frame(2, T0 + n * 1920L, T0 + n * 1920L, 1920, true, new byte[]{1, 2, (byte) n});
    }

    @Test
    void aViewerStartsOnAKeyframeWithSenderReportsAndTimesFromTheUtcTimeline() throws Exception {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        FakeSink sink = new FakeSink();
        viewer(sink);
        fanout.onFrames(List.of(video(0, false, 0), audio(0)));
        assertThat(sink.sent).as("nothing before the first keyframe").isEmpty();
        fanout.onFrames(List.of(video(1, true, 7200), audio(1)));
        fanout.onFrames(List.of(video(2, false, -3600)));
        assertThat(sink.sent.getFirst()[1]).as("a sender report first").isEqualTo((byte) 1);
        List<RtpPacket> v = sink.rtp(0);
        // STAP-A with the parameter sets, then the IDR, with the same timestamp: the PTS
        assertThat(v).extracting(RtpPacket::timestamp).containsExactly((T0 + 3600 + 7200) & 0xffffffffL,
                (T0 + 3600 + 7200) & 0xffffffffL, (T0 + 7200 - 3600) & 0xffffffffL);
        assertThat(v.get(1).sequence()).isEqualTo((v.get(0).sequence() + 1) & 0xffff);
        assertThat(v).extracting(RtpPacket::marker).containsExactly(false, true, true);
        assertThat(v).extracting(RtpPacket::payloadType).containsOnly(96);
        assertThat(v.getFirst().ssrc()).isEqualTo(RtpFanout.ssrc("news", 1));
        List<RtpPacket> a = sink.rtp(2);
        assertThat(a).extracting(RtpPacket::timestamp).containsExactly(((T0 + 1920) * 48_000 / 90_000) & 0xffffffffL);
        RtcpSenderReport sr = sink.reports(1).getFirst();
        assertThat(sr.ntpTime()).isEqualTo(NtpTime.fromUtcTicks(T0 + 3600 + 7200));
        assertThat(sr.rtpTimestamp()).isEqualTo((T0 + 3600 + 7200) & 0xffffffffL);
        assertThat(sr.ssrc()).isEqualTo(v.getFirst().ssrc());
    }

    @Test
    void viewersShareTheBytesAndALateViewerStartsOnTheCachedKeyframe() throws Exception {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        FakeSink first = new FakeSink();
        viewer(first);
        fanout.onFrames(List.of(video(0, true, 0), audio(0)));
        fanout.onFrames(List.of(video(1, false, 0)));
        FakeSink late = new FakeSink();
        RtpFanout.Viewer v = fanout.add(late, Set.of(0, 1), List.of(VIDEO, AUDIO), () -> { });
        assertThat(v.rtpInfo().get(0)[0]).isEqualTo(first.rtp(0).getFirst().sequence());
        assertThat(v.rtpInfo().get(0)[1]).isEqualTo(T0 & 0xffffffffL);
        assertThat(late.sent).as("held until PLAY is answered").isEmpty();
        v.start();
        assertThat(late.rtp(0)).isEqualTo(first.rtp(0));
        assertThat(late.rtp(2)).isEqualTo(first.rtp(2));
    }

    @Test
    void aUdpViewerDoesNotGetTheCachedBurst() throws Exception {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        fanout.onFrames(List.of(video(0, true, 0)));
        viewer(new FakeSink());
        FakeSink udp = new FakeSink();
        udp.udp = true;
        viewer(udp);
        fanout.onFrames(List.of(video(1, false, 0)));
        assertThat(udp.sent).isEmpty();
        fanout.onFrames(List.of(video(2, true, 0)));
        assertThat(udp.rtp(0)).isNotEmpty();
    }

    @Test
    void aSlowViewerSkipsToTheNextKeyframeAndOthersGoOn() throws Exception {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        FakeSink fast = new FakeSink();
        FakeSink slow = new FakeSink();
        viewer(fast);
        viewer(slow);
        fanout.onFrames(List.of(video(0, true, 0)));
        slow.writable = false;
        fanout.onFrames(List.of(video(1, false, 0)));
        slow.writable = true;
        fanout.onFrames(List.of(video(2, false, 0)));
        fanout.onFrames(List.of(video(3, true, 0)));
        assertThat(fast.rtp(0)).extracting(RtpPacket::timestamp).hasSize(6);
        assertThat(slow.rtp(0)).extracting(RtpPacket::timestamp).containsExactly(T0 & 0xffffffffL, T0 & 0xffffffffL,
                (T0 + 3 * 3600) & 0xffffffffL, (T0 + 3 * 3600) & 0xffffffffL);
        assertThat(slow.closed).isNull();
    }

    @Test
    void aChangeOfCodecEndsTheViewersAndAViewerOfTheOldDescriptionIsRefused() {
        fanout.onTracks(List.of(VIDEO, AUDIO));
        FakeSink sink = new FakeSink();
        viewer(sink);
        fanout.onTracks(List.of(AUDIO.withId(1)));
        assertThat(sink.closed).contains("changed its tracks");
        assertThat(fanout.add(new FakeSink(), Set.of(0), List.of(VIDEO, AUDIO), () -> { })).isNull();
    }
}
