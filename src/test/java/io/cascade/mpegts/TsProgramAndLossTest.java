package io.cascade.mpegts;

import io.cascade.codec.TestClips;
import io.cascade.media.Frame;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Program selection in a multiplex of several programs, and what a lost packet does to a stream. */
@RequiresTools
class TsProgramAndLossTest {
    /** Where ffmpeg puts the first elementary stream, the video here. */
    private static final int FFMPEG_FIRST_PID = 0x100;
    private static byte[] twoPrograms;
    private static byte[] single;

    @BeforeAll
    static void encode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.ts");
        TestClips.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25",
                "-t", "1", "-map", "0:v", "-map", "1:v", "-c:v", "libx264", "-g", "25",
                "-program", "program_num=3:st=0", "-program", "program_num=7:st=1", "-f", "mpegts", file.toString()));
        twoPrograms = TestClips.read(file);
        single = TestClips.read(TestClips.make(dir, "one.ts", "libx264", 3, "-g", "25", "-f", "mpegts"));
    }

    private static Demuxed demux(byte[] ts, int program, TsDemuxer[] keep) throws TsFormatException {
        Demuxed out = new Demuxed();
        TsDemuxer d = new TsDemuxer(out, program);
        d.feed(ts);
        d.end();
        keep[0] = d;
        return out;
    }

    @Test
    void theProgramAskedForIsDemuxedAndTheFirstByDefault() throws Exception {
        TsDemuxer[] d = new TsDemuxer[1];
        assertThat(demux(twoPrograms, 7, d).tracks()).singleElement().satisfies(t -> assertThat(t.width()).isEqualTo(160));
        assertThat(d[0].programs()).containsExactly(3, 7);
        assertThat(demux(twoPrograms, TsDemuxer.FIRST_PROGRAM, d).tracks()).singleElement()
                .satisfies(t -> assertThat(t.width()).isEqualTo(320));
        assertThat(demux(twoPrograms, 3, d).tracks()).singleElement().satisfies(t -> assertThat(t.width()).isEqualTo(320));
        assertThat(demux(twoPrograms, 5, d).trackEvents).as("a program the multiplex does not carry").isEmpty();
    }

    @Test
    void aLostVideoPacketDropsFramesUntilTheNextKeyframeAndIsCounted() throws Exception {
        TsDemuxer[] d = new TsDemuxer[1];
        List<Frame> whole = demux(single, TsDemuxer.FIRST_PROGRAM, d).framesOf(1);
        assertThat(d[0].continuityErrors()).isZero();
        int videoPid = FFMPEG_FIRST_PID;
        // Drop one packet of the video PID a third of the way in, between two keyframes.
        int dropAt = -1;
        int seen = 0;
        int total = 0;
        for (int off = 0; off + 188 <= single.length; off += 188) {
            total += pid(single, off) == videoPid ? 1 : 0;
        }
        for (int off = 0; off + 188 <= single.length; off += 188) {
            if (pid(single, off) == videoPid && ++seen == total * 4 / 10) {
                dropAt = off;
                break;
            }
        }
        ByteArrayOutputStream lossy = new ByteArrayOutputStream();
        lossy.write(single, 0, dropAt);
        lossy.write(single, dropAt + 188, single.length - dropAt - 188);
        List<Frame> kept = demux(lossy.toByteArray(), TsDemuxer.FIRST_PROGRAM, d).framesOf(1);
        assertThat(d[0].continuityErrors()).isEqualTo(1);
        assertThat(kept.size()).isLessThan(whole.size() - 1);
        List<Long> wholeDts = whole.stream().map(Frame::dts).toList();
        for (int i = 1; i < kept.size(); i++) {
            int at = wholeDts.indexOf(kept.get(i).dts());
            assertThat(at).as("a kept frame is one of the stream's").isNotNegative();
            if (wholeDts.get(at - 1) != kept.get(i - 1).dts()) {
                assertThat(kept.get(i).keyframe()).as("after a gap the stream starts again at a keyframe").isTrue();
            }
        }
    }

    private static int pid(byte[] b, int off) {
        return ((b[off + 1] & 0x1f) << 8) | (b[off + 2] & 0xff);
    }
}
