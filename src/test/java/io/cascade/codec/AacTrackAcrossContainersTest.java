package io.cascade.codec;

import io.cascade.cmaf.CmafInitWriter;
import io.cascade.cmaf.CmafReader;
import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.mpegts.TsDemuxer;
import io.cascade.mpegts.TsSegmentWriter;
import io.cascade.rtmp.FlvDemuxer;
import io.cascade.rtmp.PublishSession;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AAC cases the containers used to disagree on (channelConfiguration 0 with a program config
 * element, channelConfiguration 11, HE-AAC) give one sample rate and channel count whether the
 * stream arrives as MP4 (the esds of an init), as MPEG-TS (ADTS) or over RTMP (FLV tags). In
 * ADTS the layout of configuration 0 and 11 travels as a PCE in the first raw block and SBR is
 * implicit, so the TS input is built that way.
 */
class AacTrackAcrossContainersTest {
    private static final int ID_END = 7;

    /** A PCE: C + L/R in front, {@code sidePairs} pairs at the side, {@code backSingles} at the back, one LFE. */
    private static void pce(BitWriter w, int sidePairs, int backSingles) {
        w.write(0, 4).write(1, 2).write(3, 4); // instance tag, object type LC, 48 kHz
        w.write(2, 4).write(sidePairs, 4).write(backSingles, 4).write(1, 2); // front, side, back, lfe
        w.write(0, 3).write(0, 4).write(0, 3); // no assoc data, no cc, no mixdowns
        w.write(0, 1).write(0, 4).write(1, 1).write(1, 4); // front: SCE, CPE
        for (int i = 0; i < sidePairs; i++) {
            w.write(1, 1).write(2 + i, 4);
        }
        for (int i = 0; i < backSingles; i++) {
            w.write(0, 1).write(1 + i, 4);
        }
        w.write(0, 4); // LFE tag
        w.alignToByte().write(0, 8); // no comment
    }

    private static byte[] ascWithPce(int sidePairs, int backSingles) {
        BitWriter w = new BitWriter().write(2, 5).write(3, 4).write(0, 4).write(0, 3);
        pce(w, sidePairs, backSingles);
        return w.toBytes();
    }

    /** A raw block holding the PCE (then the end element), as ADTS carries configuration 0. */
    private static byte[] rawBlockWithPce(int sidePairs, int backSingles) {
        BitWriter w = new BitWriter().write(5, 3);
        pce(w, sidePairs, backSingles);
        return w.write(ID_END, 3).toBytes();
    }

    /** A raw block whose last element before the end is a fill element with SBR data. */
    private static byte[] rawBlockWithSbr() {
        BitWriter w = new BitWriter().write(1, 3).write(0x2a5a5, 21); // a CPE's start, opaque here
        w.write(6, 3).write(3, 4).write(13, 4).write(0x9abcd, 20); // FIL, 3 bytes, EXT_SBR_DATA
        return w.write(ID_END, 3).toBytes();
    }

    private static Track viaMp4(byte[] asc) throws Exception {
        // a wrong sample entry channel count: the AudioSpecificConfig is what counts
        byte[] init = CmafInitWriter.write(List.of(Track.audio(1, Codec.AAC, asc, 48000, 2)));
        return CmafReader.readInit(init).getFirst();
    }

    private static Track viaRtmp(byte[] asc) throws Exception {
        List<Track> announced = new ArrayList<>();
        FlvDemuxer demuxer = new FlvDemuxer(new PublishSession() {
            @Override
            public void onTracks(List<Track> tracks) {
                announced.addAll(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
            }

            @Override
            public void onClose() {
            }
        });
        byte[] header = new byte[2 + asc.length];
        header[0] = (byte) 0xaf; // AAC, 44 kHz, 16 bit, stereo: FLV's fixed values for AAC
        System.arraycopy(asc, 0, header, 2, asc.length);
        demuxer.onAudio(0, Unpooled.wrappedBuffer(header));
        demuxer.onAudio(23, Unpooled.wrappedBuffer(new byte[] {(byte) 0xaf, 1, 0x21}));
        return announced.getFirst();
    }

    /** Through an MPEG-TS segment: {@code adtsConfig} is what the ADTS headers can say. */
    private static Track viaTs(byte[] adtsConfig, byte[] rawBlock) throws Exception {
        Track muxed = Track.audio(1, Codec.AAC, adtsConfig, 48000, 2);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(new Frame(1, 90_000 + i * 1920L, 90_000 + i * 1920L, 1920, true, rawBlock));
        }
        List<Track> announced = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxer.Listener() {
            @Override
            public void onTracks(List<Track> tracks) {
                announced.addAll(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
            }
        });
        demuxer.feed(TsSegmentWriter.write(List.of(muxed), frames, 1));
        demuxer.end();
        return announced.getFirst();
    }

    private static void assertOneAnswer(Track mp4, Track ts, Track rtmp, int sampleRate, int channels) {
        for (Track t : List.of(mp4, ts, rtmp)) {
            assertThat(t.sampleRate()).as("sample rate of %s", t).isEqualTo(sampleRate);
            assertThat(t.channels()).as("channels of %s", t).isEqualTo(channels);
        }
    }

    @Test
    void channelConfigurationZeroCountsTheProgramConfigElement() throws Exception {
        byte[] asc = ascWithPce(1, 0); // 5.1: C, L/R, Ls/Rs, LFE
        byte[] adts = new AudioSpecificConfig(2, 48000, 0).toBytes();
        assertOneAnswer(viaMp4(asc), viaTs(adts, rawBlockWithPce(1, 0)), viaRtmp(asc), 48000, 6);
    }

    @Test
    void aLayoutFromTheConfigReachesTsInBand() throws Exception {
        byte[] asc = ascWithPce(1, 0);
        byte[] coreOnly = new BitWriter().write(ID_END, 3).toBytes(); // raw blocks without the PCE
        assertThat(viaTs(asc, coreOnly).channels()).isEqualTo(6);
    }

    @Test
    void channelConfigurationElevenIsSevenChannels() throws Exception {
        byte[] asc = new AudioSpecificConfig(2, 48000, 11).toBytes();
        // ADTS has 3 bits of channel configuration: 6.1 travels as configuration 0 and its PCE
        byte[] adts = new AudioSpecificConfig(2, 48000, 0).toBytes();
        assertOneAnswer(viaMp4(asc), viaTs(adts, rawBlockWithPce(1, 1)), viaRtmp(asc), 48000, 7);
        byte[] coreOnly = new BitWriter().write(ID_END, 3).toBytes();
        assertThat(viaTs(asc, coreOnly).channels()).as("an MP4 6.1 track served as TS").isEqualTo(7);
        byte[] backSurround = new AudioSpecificConfig(2, 48000, 12).toBytes();
        assertThat(viaTs(backSurround, coreOnly).channels()).as("an MP4 7.1 track served as TS").isEqualTo(8);
    }

    @Test
    void heAacReportsTheSbrRate() throws Exception {
        byte[] explicit = {0x2B, 0x11, (byte) 0x88, 0x00}; // SBR over a 24 kHz stereo LC core
        assertOneAnswer(viaMp4(explicit), viaTs(explicit, rawBlockWithSbr()), viaRtmp(explicit), 48000, 2);
        assertThat(CodecString.of(viaTs(explicit, rawBlockWithSbr()))).isEqualTo("mp4a.40.5");
    }

    @Test
    void theChannelLayoutTableIsTheSameForEveryContainer() throws Exception {
        int[] expected = {-1, 1, 2, 3, 4, 5, 6, 8, -1, -1, -1, 7, 8, 24, 8};
        for (int config = 1; config < expected.length; config++) {
            if (expected[config] < 0) {
                continue;
            }
            byte[] asc = new AudioSpecificConfig(2, 48000, config).toBytes();
            assertThat(viaMp4(asc).channels()).as("MP4, configuration %d", config).isEqualTo(expected[config]);
            assertThat(viaRtmp(asc).channels()).as("RTMP, configuration %d", config).isEqualTo(expected[config]);
        }
    }
}
