package io.cascade.rtp;

import io.cascade.codec.AvcConfig;
import io.cascade.media.Codec;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionDescriptionTest {

    @Test
    void theSdpOfAnH264AndAacStream() {
        HexFormat hex = HexFormat.of();
        RtpPacketizer video = new H264Packetizer(new AvcConfig(List.of(hex.parseHex("6742c01e")),
                List.of(hex.parseHex("68ce3c80"))), 1400);
        RtpPacketizer audio = new AacPacketizer(Track.audio(2, Codec.AAC, hex.parseHex("1190"), 48_000, 2), 1400);
        SessionDescription sdp = new SessionDescription(42, 3, "192.0.2.1", "news/one", List.of(
                new SessionDescription.Media("video", 96, video, "trackID=1"),
                new SessionDescription.Media("audio", 97, audio, "trackID=2")));
        assertThat(sdp.text()).isEqualTo("""
                v=0
                o=- 42 3 IN IP4 192.0.2.1
                s=news/one
                c=IN IP4 0.0.0.0
                t=0 0
                a=tool:Cascade
                a=range:npt=now-
                a=control:*
                m=video 0 RTP/AVP 96
                a=rtpmap:96 H264/90000
                a=fmtp:96 packetization-mode=1;profile-level-id=42C01E;sprop-parameter-sets=Z0LAHg==,aM48gA==
                a=control:trackID=1
                m=audio 0 RTP/AVP 97
                a=rtpmap:97 MPEG4-GENERIC/48000/2
                a=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1190
                a=control:trackID=2
                """.replace("\n", "\r\n"));
    }

    @Test
    void anIpv6AddressAndAnUnprintableNameAreHandled() {
        assertThat(new SessionDescription(1, 1, "::1", "x", List.of()).text()).contains("o=- 1 1 IN IP6 ::1\r\n",
                "c=IN IP6 ::\r\n");
        assertThatThrownBy(() -> new SessionDescription(1, 1, "::1", "a\r\nb=evil", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
