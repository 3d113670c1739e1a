package io.cascade.rtsp;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RtspTargetTest {

    private static RtspTarget parse(String uri) {
        return RtspTarget.parse(uri).orElseThrow(() -> new AssertionError("no target in " + uri));
    }

    @Test
    void streamQueryAndControlWhereverClientsPutThem() {
        assertThat(parse("rtsp://h:8554/news")).isEqualTo(new RtspTarget("news", "", Optional.empty()));
        assertThat(parse("rtsp://h/news/one/")).isEqualTo(new RtspTarget("news/one", "", Optional.empty()));
        assertThat(parse("rtsp://h/news/one/trackID=2")).isEqualTo(new RtspTarget("news/one", "", Optional.of("trackID=2")));
        assertThat(parse("rtsp://h/news?token=abc/trackID=1"))
                .isEqualTo(new RtspTarget("news", "token=abc", Optional.of("trackID=1")));
        assertThat(parse("rtsp://h/news/trackID=1?token=abc"))
                .isEqualTo(new RtspTarget("news", "token=abc", Optional.of("trackID=1")));
        assertThat(parse("rtsp://h/news?token=abc/")).isEqualTo(new RtspTarget("news", "token=abc", Optional.empty()));
        assertThat(parse("/a%20b")).isEqualTo(new RtspTarget("a b", "", Optional.empty()));
    }

    @Test
    void theTokenIsDecoded() {
        assertThat(parse("rtsp://h/news?x=1&token=a%2Bb+c").parameter("token")).hasValue("a+b c");
        assertThat(parse("rtsp://h/news").parameter("token")).isEmpty();
    }

    @Test
    void pathTricksAndNonsenseNameNoStream() {
        for (String bad : new String[]{"rtsp://h", "rtsp://h/", "rtsp://h/../etc", "rtsp://h/a/./b", "rtsp://h/%zz",
                "rtsp://h/a%00b", "*", "http://h/x"}) {
            assertThat(RtspTarget.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void transportsOfferedByClients() {
        assertThat(TransportSpec.choose("RTP/AVP/TCP;unicast;interleaved=0-1")).hasValue(new TransportSpec(true, 0, 1));
        assertThat(TransportSpec.choose("RTP/AVP;unicast;client_port=5000-5001")).hasValue(new TransportSpec(false, 5000, 5001));
        assertThat(TransportSpec.choose("RTP/AVP/UDP;unicast;client_port=6000")).hasValue(new TransportSpec(false, 6000, 6001));
        assertThat(TransportSpec.choose("RTP/AVP/TCP;unicast")).hasValue(new TransportSpec(true, -1, -1));
        assertThat(TransportSpec.choose("RTP/AVP;multicast, RTP/AVP/TCP;interleaved=2-3")).hasValue(new TransportSpec(true, 2, 3));
        for (String bad : new String[]{"RTP/AVP;unicast", "RTP/AVP;unicast;client_port=53-54", "RTP/AVP;destination=1.2.3.4;client_port=5000-5001",
                "RTP/AVP/TCP;interleaved=255-256", "RTP/AVP/TCP;interleaved=0-5", "RAW/RAW/UDP;client_port=5000", ""}) {
            assertThat(TransportSpec.choose(bad)).as(bad).isEmpty();
        }
    }
}
