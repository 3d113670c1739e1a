package io.cascade.mpegts;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.GoldenDump;
import io.cascade.testing.GoldenSamples;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The TS demuxer's output for the committed sample, pinned as text, however the bytes arrive. */
class TsGoldenTest {
    private static final byte[] TS = GoldenSamples.bytes(GoldenSamples.H264_AAC_TS);

    /** Dump of a demuxer fed in pieces of 1 to {@code maxPiece} bytes (fixed seed), or whole when 0. */
    private static String demux(int maxPiece, long seed) throws TsFormatException {
        GoldenDump dump = new GoldenDump();
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> tracks) {
                dump.tracks(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
                dump.frame(frame);
            }
        });
        Random random = new Random(seed);
        for (int pos = 0; pos < TS.length; ) {
            int n = maxPiece == 0 ? TS.length : Math.min(TS.length - pos, 1 + random.nextInt(maxPiece));
            demuxer.feed(TS, pos, n);
            pos += n;
        }
        demuxer.end();
        return dump.text();
    }

    @Test
    void demuxesAsPinned() throws Exception {
        new GoldenDump().line(demux(0, 0).stripTrailing()).assertMatches(GoldenSamples.H264_AAC_TS + ".dump");
    }

    @Test
    void oneByteAtATimeGivesTheSameFrames() throws Exception {
        assertThat(demux(1, 0)).isEqualTo(demux(0, 0));
    }

    @Test
    void randomSplitsGiveTheSameFrames() throws Exception {
        String whole = demux(0, 0);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(demux(seed % 2 == 0 ? 7 : 1000, seed)).as("seed %d", seed).isEqualTo(whole);
        }
    }
}
