package io.cascade.tsinput;

import io.cascade.input.InputFormatException;
import io.cascade.input.InputStats;
import io.cascade.input.MediaSink;
import io.cascade.input.SegmentSink;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TsFeedTest {
    private final InputStats stats = new InputStats();
    private final MediaSink sink = new MediaSink() {
        @Override
        public void onTracks(List<Track> tracks) {
        }

        @Override
        public void onFrame(Frame frame) {
        }

        @Override
        public InputStats stats() {
            return stats;
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void randomBytesAreNoTransportStreamAndSaySo() {
        TsFeed feed = new TsFeed(sink, -1);
        Random random = new Random(1);
        byte[] datagram = new byte[1316];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 2000; i++) {
                random.nextBytes(datagram);
                feed.feed(datagram, 0, datagram.length);
            }
        }).isInstanceOf(InputFormatException.class).hasMessageContaining("not an MPEG-TS stream");
        assertThat(stats.bytes()).isLessThanOrEqualTo(TsFeed.SYNC_WINDOW + datagram.length);
    }

    @Test
    void nullPacketsAloneNeverBecomeTracksAndTheFeedGivesUp() {
        TsFeed feed = new TsFeed(sink, -1);
        byte[] nulls = new byte[188 * 7];
        for (int off = 0; off < nulls.length; off += 188) {
            nulls[off] = 0x47;
            nulls[off + 1] = 0x1f;
            nulls[off + 2] = (byte) 0xff;
            nulls[off + 3] = 0x10;
        }
        assertThatThrownBy(() -> {
            for (long sent = 0; sent <= TsFeed.TRACK_SEARCH_LIMIT + nulls.length; sent += nulls.length) {
                feed.feed(nulls, 0, nulls.length);
            }
        }).isInstanceOf(InputFormatException.class).hasMessageContaining("no H.264, H.265 or AAC track");
    }

    @Test
    void udpAddressesParseWithTheirOptionsAndBadOnesSayWhy() {
        UdpAddress a = UdpAddress.parse("udp://239.0.0.1:1234?source=10.0.0.9&iface=eth1&program=3");
        assertThat(a.multicast()).isTrue();
        assertThat(a.address().getPort()).isEqualTo(1234);
        assertThat(a.source()).hasValueSatisfying(s -> assertThat(s.getHostAddress()).isEqualTo("10.0.0.9"));
        assertThat(a.iface()).contains("eth1");
        assertThat(a.program()).isEqualTo(3);
        assertThat(UdpAddress.parse("udp://@239.0.0.2:5000").multicast()).isTrue();
        assertThat(UdpAddress.parse("udp://:5000").address().getAddress().isAnyLocalAddress()).isTrue();
        assertThatThrownBy(() -> UdpAddress.parse("udp://239.0.0.1")).hasMessageContaining("ADDRESS:PORT");
        assertThatThrownBy(() -> UdpAddress.parse("udp://239.0.0.1:1234?program=0")).hasMessageContaining("program");
        assertThatThrownBy(() -> UdpAddress.parse("udp://example.com:1234")).hasMessageContaining("IP address");
    }

    @Test
    void rtpHeadersBeforeTransportStreamAreSkipped() {
        byte[] rtp = new byte[12 + 188];
        rtp[0] = (byte) 0x80;
        rtp[1] = 33;
        rtp[12] = 0x47;
        assertThat(UdpInput.payloadOffset(rtp, rtp.length)).isEqualTo(12);
        byte[] plain = new byte[188];
        plain[0] = 0x47;
        assertThat(UdpInput.payloadOffset(plain, plain.length)).isZero();
    }
}
