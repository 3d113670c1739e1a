package io.cascade.rtspinput;

import io.cascade.codec.AvcConfig;
import io.cascade.media.Frame;
import io.cascade.rtp.NtpTime;
import io.cascade.rtp.RtcpPacket;
import io.cascade.rtp.RtcpSenderReport;
import io.cascade.rtp.RtpPacket;
import io.cascade.rtp.SdpMedia;
import io.cascade.testing.GoldenSamples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrackReceiverTest {
    private static List<RtcpPacket> sr(long ssrc, long ntp, long rtp) throws Exception {
        ByteBuf b = Unpooled.buffer();
        new RtcpSenderReport(ssrc, ntp, rtp, 10, 1000).writeCompound(b, "cam");
        return RtcpPacket.readCompound(b);
    }

    @Test
    void senderReportsPlaceTracksBySenderWallclockNotByArrival() throws Exception {
        AvcConfig avc = GoldenSamples.h264Config();
        String sprop = Base64.getEncoder().encodeToString(avc.sps().getFirst()) + ","
                + Base64.getEncoder().encodeToString(avc.pps().getFirst());
        TrackReceiver video = TrackReceiver.of(1, new SdpMedia("video", 96, "H264", 90000, 1,
                Map.of("sprop-parameter-sets", sprop, "packetization-mode", "1"), "")).orElseThrow();
        TrackReceiver audio = TrackReceiver.of(2, new SdpMedia("audio", 97, "MPEG4-GENERIC", 48000, 2,
                Map.of("mode", "AAC-hbr", "sizelength", "13", "indexlength", "3", "config", "1190"), "")).orElseThrow();
        InputClock clock = new InputClock();
        long wallclock = NtpTime.fromUtcTicks(1_700_000_000L * 90_000);
        // both reports name the same instant with different RTP times, near a 32-bit wrap for video
        video.onRtcp(sr(0xaa, wallclock, 0xffff_fff0L));
        audio.onRtcp(sr(0xbb, wallclock, 123_456));
        List<Frame> videoFrames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] nal = {(byte) (i == 0 ? 0x65 : 0x41), 1, 2, 3};
            videoFrames.addAll(video.onRtp(new RtpPacket(96, true, i, 0xffff_fff0L + 90_000 + i * 3600L, 0xaa, nal), clock));
        }
        Thread.sleep(200); // the audio arrives 200 ms later than the video of the same instant
        byte[] au = {0, 16, 0, 0x18, 0x21, 0x22, 0x23};
        List<Frame> audioFrames = audio.onRtp(new RtpPacket(97, true, 1, 123_456 + 48_000, 0xbb, au), clock);
        assertThat(videoFrames).isNotEmpty();
        assertThat(audioFrames).hasSize(1);
        assertThat(Math.abs(videoFrames.getFirst().pts() - audioFrames.getFirst().pts())).isLessThan(10);
    }

    @Test
    void withoutSenderReportsTracksArePlacedAtArrival() throws Exception {
        TrackReceiver audio = TrackReceiver.of(2, new SdpMedia("audio", 97, "MPEG4-GENERIC", 48000, 2,
                Map.of("mode", "AAC-hbr", "sizelength", "13", "indexlength", "3", "config", "1190"), "")).orElseThrow();
        InputClock clock = new InputClock();
        Thread.sleep(100);
        byte[] au = {0, 16, 0, 0x18, 0x21, 0x22, 0x23};
        Frame first = audio.onRtp(new RtpPacket(97, true, 1, 5_000_000, 9, au), clock).getFirst();
        assertThat(first.pts()).isBetween(9_000L, 9_000L + 90_000);
        Frame second = audio.onRtp(new RtpPacket(97, true, 2, 5_001_024, 9, au), clock).getFirst();
        assertThat(second.pts() - first.pts()).isEqualTo(1920);
        assertThat(audio.report(1).orElseThrow().highestSequence()).isEqualTo(2);
    }
}
