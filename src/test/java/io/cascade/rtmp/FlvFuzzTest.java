package io.cascade.rtmp;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.Fuzz;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The FLV tag demuxer, fed hostile variants of real tags, fails with MediaFormatException only. */
class FlvFuzzTest {
    private static final byte[] AVC_HEADER = ByteBufUtil.decodeHexDump(
            "1700000000" + "0164001fffe1001967640016acd94140" + "5b0110000003001000000303c0f162d9600100066aebe3cb22c0");
    private static final byte[] AVC_FRAME = ByteBufUtil.decodeHexDump("1701000050" + "00000002" + "6588");
    private static final byte[] HEVC_HEADER = ByteBufUtil.decodeHexDump("90" + "68766331" + "0101");
    private static final byte[] AAC_HEADER = ByteBufUtil.decodeHexDump("af00" + "1190");
    private static final byte[] AAC_FRAME = ByteBufUtil.decodeHexDump("af01" + "210049");

    private static FlvDemuxer demuxer() {
        return new FlvDemuxer(new PublishSession() {
            @Override
            public void onTracks(List<Track> tracks) {
            }

            @Override
            public void onFrame(Frame frame) {
            }

            @Override
            public void onClose() {
            }
        });
    }

    @Test
    void videoAndAudioTags() {
        Fuzz.onlyFormatErrors("FLV video tag", List.of(AVC_HEADER, AVC_FRAME, HEVC_HEADER), 400, 51, b -> {
            FlvDemuxer demuxer = demuxer();
            demuxer.onVideo(0, Unpooled.wrappedBuffer(AVC_HEADER));
            demuxer.onVideo(40, Unpooled.wrappedBuffer(b));
        });
        Fuzz.onlyFormatErrors("FLV audio tag", List.of(AAC_HEADER, AAC_FRAME), 400, 52, b -> {
            FlvDemuxer demuxer = demuxer();
            demuxer.onAudio(0, Unpooled.wrappedBuffer(AAC_HEADER));
            demuxer.onAudio(23, Unpooled.wrappedBuffer(b));
        });
    }
}
