package io.cascade.mpegts;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.Fuzz;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/** The TS demuxer, fed hostile variants of a real stream, fails with MediaFormatException only. */
class TsFuzzTest {
    private static void demux(byte[] ts) throws TsFormatException {
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> tracks) {
            }

            @Override
            public void onFrame(Frame frame) {
            }
        });
        demuxer.feed(ts);
        demuxer.end();
    }

    @Test
    void demuxer() {
        byte[] ts = Arrays.copyOf(GoldenSamples.bytes(GoldenSamples.H264_AAC_TS), 188 * 120);
        Fuzz.onlyFormatErrors("TsDemuxer", List.of(ts), 120, 31, TsFuzzTest::demux);
    }

    @Test
    void packetsWithEveryFieldCorrupted() {
        byte[] ts = Arrays.copyOf(GoldenSamples.bytes(GoldenSamples.H264_AAC_TS), 188 * 40);
        // flips confined to headers: PAT, PMT and PES parsing see hostile values, sync stays
        byte[][] headersOnly = new byte[200][];
        java.util.Random random = new java.util.Random(32);
        for (int i = 0; i < headersOnly.length; i++) {
            byte[] b = ts.clone();
            for (int k = 0; k < 20; k++) {
                int packet = random.nextInt(40) * 188;
                b[packet + 1 + random.nextInt(20)] ^= (byte) (1 << random.nextInt(8));
            }
            headersOnly[i] = b;
        }
        Fuzz.onlyFormatErrors("TsDemuxer headers", List.of(headersOnly), 0, 33, TsFuzzTest::demux);
    }
}
