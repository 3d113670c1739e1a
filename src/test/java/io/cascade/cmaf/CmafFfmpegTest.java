package io.cascade.cmaf;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mp4.FfmpegMedia;
import io.cascade.mp4.Mp4Demuxer;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Remuxes a real MP4 into canonical CMAF and lets ffprobe/ffmpeg judge the result. */
@RequiresTools
class CmafFfmpegTest {
    /** 2023-11-14 in 90 kHz ticks: decode times on the UTC timeline, far above 32 bits. */
    static final long UTC_BASE = 1_700_000_000L * 90_000;

    @TempDir
    static Path dir;
    static List<Track> tracks;
    static List<Frame> frames;
    static byte[] init;
    static List<byte[]> fragments;
    static Path cmafFile;

    @BeforeAll
    static void remux() throws Exception {
        Path mp4 = FfmpegMedia.testMp4(dir);
        frames = new ArrayList<>();
        try (Mp4Demuxer demuxer = Mp4Demuxer.open(mp4)) {
            tracks = demuxer.tracks();
            for (Optional<Frame> f = demuxer.nextFrame(); f.isPresent(); f = demuxer.nextFrame()) {
                frames.add(f.get().shifted(UTC_BASE));
            }
        }
        init = CmafInitWriter.write(tracks);
        fragments = fragmentsPerGop(frames);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(init);
        fragments.forEach(all::writeBytes);
        cmafFile = dir.resolve("stream.mp4");
        Files.write(cmafFile, all.toByteArray());
    }

    /** One moof+mdat per GOP: a new fragment starts at each video keyframe. */
    private static List<byte[]> fragmentsPerGop(List<Frame> frames) {
        List<byte[]> out = new ArrayList<>();
        List<Frame> gop = new ArrayList<>();
        for (Frame f : frames) {
            if (f.trackId() == 1 && f.keyframe() && !gop.isEmpty()) {
                out.add(CmafFragmentWriter.write(out.size() + 1, tracks, gop));
                gop = new ArrayList<>();
            }
            gop.add(f);
        }
        out.add(CmafFragmentWriter.write(out.size() + 1, tracks, gop));
        return out;
    }

    @Test
    void ffprobeReportsTheStreams() throws Exception {
        String out = FfmpegMedia.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,sample_rate,channels,nb_read_frames", "-of", "compact",
                cmafFile.toString()).stdout();

        assertThat(out).contains("codec_name=h264|width=640|height=360")
                .contains("nb_read_frames=75")
                .contains("codec_name=aac|sample_rate=48000|channels=1");
    }

    @Test
    void ffmpegDecodesItWithoutErrors() throws Exception {
        FfmpegMedia.Result r = FfmpegMedia.run("ffmpeg", "-v", "error", "-i", cmafFile.toString(), "-f", "null", "-");

        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void readerGivesBackTheDemuxedFrames() throws Exception {
        assertThat(fragments).hasSize(3);
        List<Track> readTracks = CmafReader.readInit(init);
        assertThat(readTracks).isEqualTo(tracks);
        List<Frame> read = new ArrayList<>();
        for (byte[] fragment : fragments) {
            read.addAll(CmafReader.readFragments(fragment, readTracks));
        }

        assertThat(read).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            Frame e = frames.get(i);
            Frame a = read.get(i);
            assertThat(new long[] {a.trackId(), a.dts(), a.pts(), a.duration()})
                    .as("frame %d", i).containsExactly(e.trackId(), e.dts(), e.pts(), e.duration());
            assertThat(a.keyframe()).isEqualTo(e.keyframe());
            assertThat(a.data()).isEqualTo(e.data());
        }
    }
}
