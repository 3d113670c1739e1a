package io.cascade.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpReaderTest {
    /** What a typical camera answers to DESCRIBE. */
    static final String CAMERA = """
            v=0\r
            o=- 1700000000 1 IN IP4 10.0.0.9\r
            s=Media Presentation\r
            c=IN IP4 0.0.0.0\r
            t=0 0\r
            a=control:rtsp://10.0.0.9:554/Streaming/Channels/101/\r
            m=video 0 RTP/AVP 96\r
            a=rtpmap:96 H264/90000\r
            a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z0LAHtkDxWhAAAADAEAAAAwjxYuS,aMuMsg==\r
            a=control:trackID=1\r
            m=audio 0 RTP/AVP 97 98\r
            a=rtpmap:97 MPEG4-GENERIC/48000/2\r
            a=rtpmap:98 PCMU/8000\r
            a=fmtp:97 streamtype=5;profile-level-id=15;mode=AAC-hbr;SizeLength=13;IndexLength=3;IndexDeltaLength=3;config=1190\r
            a=control:trackID=2\r
            """;

    @Test
    void mediaSectionsWithTheirFormatAndControl() throws Exception {
        SdpSession sdp = SdpReader.read(CAMERA);
        assertThat(sdp.control()).isEqualTo("rtsp://10.0.0.9:554/Streaming/Channels/101/");
        assertThat(sdp.media()).hasSize(2);
        SdpMedia video = sdp.media().get(0);
        assertThat(video.kind()).isEqualTo("video");
        assertThat(video.payloadType()).isEqualTo(96);
        assertThat(video.encoding()).isEqualTo("H264");
        assertThat(video.clockRate()).isEqualTo(90000);
        assertThat(video.formatParameter("sprop-parameter-sets")).contains("Z0LAHtkDxWhAAAADAEAAAAwjxYuS,aMuMsg==");
        assertThat(video.formatParameter("packetization-mode")).contains("1");
        assertThat(video.control()).isEqualTo("trackID=1");
        SdpMedia audio = sdp.media().get(1);
        assertThat(audio.encoding()).isEqualTo("MPEG4-GENERIC");
        assertThat(audio.payloadType()).isEqualTo(97);
        assertThat(audio.clockRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.formatParameter("SIZELENGTH")).contains("13");
        assertThat(audio.formatParameter("config")).contains("1190");
        assertThat(audio.control()).isEqualTo("trackID=2");
    }

    @Test
    void whatCascadesOwnOutputWritesReadsBack() throws Exception {
        var packetizer = new AacPacketizer(io.cascade.media.Track.audio(2, io.cascade.media.Codec.AAC,
                new byte[]{0x11, (byte) 0x90}, 48000, 2), 1400);
        String text = new SessionDescription(1, 1, "127.0.0.1", "cam",
                java.util.List.of(new SessionDescription.Media("audio", 97, packetizer, "trackID=2"))).text();
        SdpMedia audio = SdpReader.read(text).media().getFirst();
        assertThat(audio.encoding()).isEqualTo("MPEG4-GENERIC");
        assertThat(audio.clockRate()).isEqualTo(48000);
        assertThat(audio.formatParameter("config")).contains("1190");
        assertThat(audio.control()).isEqualTo("trackID=2");
        assertThat(SdpReader.read(text).control()).isEqualTo("*");
    }

    @Test
    void staticPayloadTypesWithoutRtpmap() throws Exception {
        SdpMedia m = SdpReader.read("v=0\nm=audio 0 RTP/AVP 0\n").media().getFirst();
        assertThat(m.encoding()).isEqualTo("PCMU");
        assertThat(m.clockRate()).isEqualTo(8000);
        assertThat(m.control()).isEmpty();
    }

    @Test
    void garbageAndOversizeAreRefused() {
        assertThatThrownBy(() -> SdpReader.read("HTTP/1.1 200 OK\r\n")).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> SdpReader.read("v=0\r\nm=video\r\n")).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> SdpReader.read("v=0\r\nm=video 0 RTP/AVP 999\r\n")).isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> SdpReader.read("v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/0\r\n"))
                .isInstanceOf(RtpFormatException.class);
        assertThatThrownBy(() -> SdpReader.read("v=0\r\n" + "m=video 0 RTP/AVP 96\r\n".repeat(17)))
                .hasMessageContaining("media sections");
        assertThatThrownBy(() -> SdpReader.read("v=0\r\n" + "a=x\r\n".repeat(20_000))).hasMessageContaining("longer");
    }
}
