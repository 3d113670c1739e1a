package io.cascade.rtp;

import io.cascade.codec.AvcConfig;
import io.cascade.codec.HevcConfig;
import io.cascade.codec.Nal;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Depacketizers against the packetizers of the RTSP output: what one writes the other reads back. */
class DepacketizerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static List<RtpPacket> packets(RtpPacketizer packetizer, Frame frame, int firstSeq) throws Exception {
        List<RtpPacket> out = new ArrayList<>();
        int seq = firstSeq;
        for (RtpChunk c : packetizer.packetize(frame)) {
            byte[] payload = new byte[c.size()];
            System.arraycopy(c.prefix(), 0, payload, 0, c.prefix().length);
            System.arraycopy(c.data(), c.offset(), payload, c.prefix().length, c.length());
            out.add(new RtpPacket(96, c.marker(), seq++, RtpPacketizer.timestamp(frame.pts(), packetizer.clockRate()),
                    7, payload));
        }
        return out;
    }

    private static List<AccessUnit> feed(RtpDepacketizer d, List<RtpPacket> packets) {
        List<AccessUnit> out = new ArrayList<>();
        packets.forEach(p -> out.addAll(d.push(p, false)));
        return out;
    }

    private static String sprop(AvcConfig c) {
        return Base64.getEncoder().encodeToString(c.sps().getFirst()) + "," + Base64.getEncoder().encodeToString(c.pps().getFirst());
    }

    private static Frame video(long pts, boolean key, byte[]... nals) {
        return new Frame(1, pts, pts, 3600, key, Nal.toLengthPrefixed(List.of(nals)));
    }

    private static byte[] nal(int header, int size) {
        byte[] n = new byte[size];
        n[0] = (byte) header;
        for (int i = 1; i < size; i++) {
            n[i] = (byte) (i * 31);
        }
        return n;
    }

    @Test
    void h264SingleStapAAndFuAComeBackAsTheFramesSent() throws Exception {
        AvcConfig config = GoldenSamples.h264Config();
        H264Packetizer packetizer = new H264Packetizer(config, 1400);
        H264Depacketizer depacketizer = new H264Depacketizer("");
        byte[] idr = nal(0x65, 5000); // FU-A: four fragments
        byte[] sei = nal(0x06, 20);
        byte[] p = nal(0x41, 900);
        List<RtpPacket> sent = new ArrayList<>(packets(packetizer, video(0, true, sei, idr), 1)); // SPS/PPS in a STAP-A
        sent.addAll(packets(packetizer, video(3600, false, p), 1 + sent.size()));
        assertThat(sent.getFirst().payload()[0] & 0x1f).isEqualTo(24);
        assertThat(sent).anyMatch(pk -> (pk.payload()[0] & 0x1f) == 28);
        List<AccessUnit> units = feed(depacketizer, sent);
        assertThat(units).hasSize(2);
        assertThat(units.get(0).keyframe()).isTrue();
        assertThat(units.get(0).data()).isEqualTo(Nal.toLengthPrefixed(List.of(sei, idr)));
        assertThat(units.get(1).keyframe()).isFalse();
        assertThat(units.get(1).timestamp()).isEqualTo(3600);
        assertThat(units.get(1).data()).isEqualTo(Nal.toLengthPrefixed(List.of(p)));
        assertThat(AvcConfig.parse(depacketizer.config().orElseThrow()).sps().getFirst()).isEqualTo(config.sps().getFirst());
    }

    @Test
    void aLostFragmentDropsItsFrameAndTheNextKeyframeIsAwaited() throws Exception {
        AvcConfig config = GoldenSamples.h264Config();
        H264Packetizer packetizer = new H264Packetizer(config, 1400);
        H264Depacketizer depacketizer = new H264Depacketizer(sprop(config));
        List<RtpPacket> first = packets(packetizer, video(0, true, nal(0x65, 5000)), 1);
        List<RtpPacket> second = packets(packetizer, video(3600, false, nal(0x41, 3000)), 100);
        List<RtpPacket> third = packets(packetizer, video(7200, false, nal(0x41, 300)), 200);
        List<RtpPacket> fourth = packets(packetizer, video(10800, true, nal(0x65, 300)), 300);
        assertThat(feed(depacketizer, first)).hasSize(1);
        List<AccessUnit> got = new ArrayList<>();
        got.addAll(depacketizer.push(second.get(0), false));
        got.addAll(depacketizer.push(second.get(2), true)); // the middle fragment never came
        got.addAll(feed(depacketizer, third)); // whole, but it depends on the broken frame
        got.addAll(feed(depacketizer, fourth));
        assertThat(got).extracting(AccessUnit::timestamp).containsExactly(10800L);
        assertThat(depacketizer.framesDropped()).isEqualTo(1);
    }

    @Test
    void noFrameBeforeTheFirstKeyframeNorBeforeParameterSets() throws Exception {
        H264Depacketizer depacketizer = new H264Depacketizer("");
        assertThat(depacketizer.push(new RtpPacket(96, true, 1, 0, 1, nal(0x41, 10)), false)).isEmpty();
        assertThat(depacketizer.push(new RtpPacket(96, true, 2, 3600, 1, nal(0x65, 10)), false)).isEmpty(); // no SPS yet
        assertThat(depacketizer.config()).isEmpty();
    }

    @Test
    void aFrameWhoseMarkerWasLostEndsWhenTheTimestampMovesOn() throws Exception {
        AvcConfig config = GoldenSamples.h264Config();
        H264Depacketizer depacketizer = new H264Depacketizer(sprop(config));
        assertThat(depacketizer.push(new RtpPacket(96, false, 1, 0, 1, nal(0x65, 10)), false)).isEmpty();
        List<AccessUnit> out = depacketizer.push(new RtpPacket(96, true, 2, 3600, 1, nal(0x41, 10)), false);
        assertThat(out).extracting(AccessUnit::timestamp).containsExactly(0L, 3600L);
    }

    @Test
    void garbagePayloadsDropTheFrameAndNeverThrow() throws Exception {
        H264Depacketizer depacketizer = new H264Depacketizer(sprop(GoldenSamples.h264Config()));
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(40)];
            r.nextBytes(junk);
            depacketizer.push(new RtpPacket(96, r.nextBoolean(), i, i / 3 * 3000L, 1, junk), r.nextInt(10) == 0);
        }
        assertThat(depacketizer.framesDropped()).isPositive();
    }

    @Test
    void h265ApAndFuComeBack() throws Exception {
        HevcConfig config;
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(GoldenSamples.path(GoldenSamples.H265_MP4))) {
            config = HevcConfig.parse(demuxer.tracks().stream().filter(Track::isVideo).findFirst().orElseThrow().config());
        }
        H265Packetizer packetizer = new H265Packetizer(config, 1400);
        Map<String, String> fmtp = new java.util.HashMap<>();
        for (String kv : packetizer.formatParameters().split(";")) {
            fmtp.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        H265Depacketizer depacketizer = new H265Depacketizer(fmtp.get("sprop-vps"), fmtp.get("sprop-sps"), fmtp.get("sprop-pps"));
        byte[] idr = new byte[4000];
        idr[0] = (byte) (19 << 1);
        idr[1] = 1;
        idr[2] = 9;
        byte[] trail = {(byte) (1 << 1), 1, 5, 6, 7};
        List<RtpPacket> sent = new ArrayList<>(packets(packetizer, video(0, true, idr), 1));
        sent.addAll(packets(packetizer, video(3000, false, trail), 50));
        assertThat(sent).anyMatch(pk -> ((pk.payload()[0] >> 1) & 0x3f) == 49);
        List<AccessUnit> units = feed(depacketizer, sent);
        assertThat(units).extracting(AccessUnit::keyframe).containsExactly(true, false);
        assertThat(units.get(0).data()).isEqualTo(Nal.toLengthPrefixed(List.of(idr)));
        assertThat(units.get(1).data()).isEqualTo(Nal.toLengthPrefixed(List.of(trail)));
        assertThat(HevcConfig.parse(depacketizer.config().orElseThrow()).sps().getFirst()).isEqualTo(config.sps().getFirst());
    }

    @Test
    void aacHbrUnitsComeBackWholeAndFragmented() throws Exception {
        Track track = Track.audio(2, Codec.AAC, HEX.parseHex("1190"), 48000, 2);
        AacPacketizer packetizer = new AacPacketizer(track, 1400);
        SdpMedia sdp = new SdpMedia("audio", 97, "MPEG4-GENERIC", 48000, 2, fmtp(packetizer.formatParameters()), "");
        AacDepacketizer depacketizer = new AacDepacketizer(sdp);
        byte[] small = nal(0x21, 300);
        byte[] large = nal(0x21, 3000); // three fragments
        Frame a = new Frame(2, 0, 0, 1920, true, small);
        Frame b = new Frame(2, 1920, 1920, 1920, true, large);
        List<AccessUnit> units = feed(depacketizer, packets(packetizer, a, 1));
        List<RtpPacket> fragments = packets(packetizer, b, 2);
        assertThat(fragments).hasSize(3);
        units.addAll(feed(depacketizer, fragments));
        assertThat(units).extracting(AccessUnit::data).containsExactly(small, large);
        assertThat(units.get(1).timestamp()).isEqualTo(1024);
        assertThat(depacketizer.config()).contains(HEX.parseHex("1190"));
        // a lost fragment drops that unit only
        assertThat(depacketizer.push(fragments.get(0), false)).isEmpty();
        assertThat(depacketizer.push(fragments.get(2), true)).isEmpty();
        assertThat(feed(depacketizer, packets(packetizer, a, 9))).extracting(AccessUnit::data).containsExactly(small);
        assertThat(depacketizer.framesDropped()).isEqualTo(1);
    }

    @Test
    void severalAacUnitsInOnePacketTakeConsecutiveTimestamps() throws Exception {
        SdpMedia sdp = new SdpMedia("audio", 97, "MPEG4-GENERIC", 44100, 2,
                Map.of("sizelength", "13", "indexlength", "3", "indexdeltalength", "3", "config", "1210"), "");
        AacDepacketizer depacketizer = new AacDepacketizer(sdp);
        // two AU headers (32 bits): sizes 2 and 3
        byte[] payload = HEX.parseHex("0020" + "0010" + "0018" + "aaaa" + "bbbbbb");
        List<AccessUnit> units = depacketizer.push(new RtpPacket(97, true, 1, 5000, 1, payload), false);
        assertThat(units).extracting(AccessUnit::timestamp).containsExactly(5000L, 6024L);
        assertThat(units.get(1).data()).isEqualTo(HEX.parseHex("bbbbbb"));
    }

    private static Map<String, String> fmtp(String text) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String kv : text.split(";")) {
            out.put(kv.substring(0, kv.indexOf('=')).toLowerCase(java.util.Locale.ROOT), kv.substring(kv.indexOf('=') + 1));
        }
        return out;
    }
}
