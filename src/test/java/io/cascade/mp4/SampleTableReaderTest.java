package io.cascade.mp4;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleTableReaderTest {
    private static final long FILE_SIZE = 1 << 20;

    /** Four samples of sizes 10, 20, 30, 40 in two chunks (at 1000 and 5000) of two. */
    private static Box stbl(Consumer<BoxWriter> extra) throws Mp4FormatException {
        BoxWriter w = new BoxWriter().start("stbl");
        w.startFull("stsz", 0, 0).u32(0).u32(4).u32(10).u32(20).u32(30).u32(40).end();
        w.startFull("stts", 0, 0).u32(2).u32(3).u32(512).u32(1).u32(1024).end();
        w.startFull("stsc", 0, 0).u32(1).u32(1).u32(2).u32(1).end();
        w.startFull("stco", 0, 0).u32(2).u32(1000).u32(5000).end();
        extra.accept(w);
        w.end();
        return BoxReader.readAll(ByteBuffer.wrap(w.toByteArray()), 0, "test").get(0);
    }

    @Test
    void expandsSizesTimesAndOffsets() throws Exception {
        SampleTable t = SampleTableReader.read(stbl(w -> { }), FILE_SIZE);

        assertThat(t.sizes()).containsExactly(10, 20, 30, 40);
        assertThat(t.offsets()).containsExactly(1000, 1010, 5000, 5030);
        assertThat(t.decodeTimes()).containsExactly(0, 512, 1024, 1536);
        assertThat(t.totalDuration()).isEqualTo(2560);
        assertThat(t.endTime(3)).isEqualTo(2560);
        assertThat(t.sync().cardinality()).isEqualTo(4); // no stss: every sample is sync
    }

    @Test
    void readsSyncSamplesAndSignedCompositionOffsets() throws Exception {
        SampleTable t = SampleTableReader.read(stbl(w -> {
            w.startFull("stss", 0, 0).u32(2).u32(1).u32(3).end();
            w.startFull("ctts", 1, 0).u32(2).u32(2).u32(1024).u32(2).s32(-512).end();
        }), FILE_SIZE);

        assertThat(t.sync().stream().toArray()).containsExactly(0, 2);
        assertThat(t.ctsOffsets()).containsExactly(1024, 1024, -512, -512);
    }

    @Test
    void compactSampleSizes() throws Exception {
        BoxWriter w = new BoxWriter().start("stbl");
        w.startFull("stz2", 0, 0).zeros(3).u8(4).u32(3).u8(0x12).u8(0x30).end();
        w.startFull("stts", 0, 0).u32(1).u32(3).u32(1).end();
        w.startFull("stsc", 0, 0).u32(1).u32(1).u32(3).u32(1).end();
        w.startFull("co64", 0, 0).u32(1).u64(0x1_0000_0000L).end();
        Box stbl = BoxReader.readAll(ByteBuffer.wrap(w.end().toByteArray()), 0, "test").get(0);

        SampleTable t = SampleTableReader.read(stbl, 0x2_0000_0000L);

        assertThat(t.sizes()).containsExactly(1, 2, 3);
        assertThat(t.offsets()).containsExactly(0x1_0000_0000L, 0x1_0000_0001L, 0x1_0000_0003L);
    }

    @Test
    void hugeSampleCountsFailWithoutAllocating() throws Exception {
        BoxWriter perSample = new BoxWriter().start("stbl");
        perSample.startFull("stsz", 0, 0).u32(0).u32(0xFFFFFFFFL).u32(1).end().end();
        BoxWriter constant = new BoxWriter().start("stbl");
        constant.startFull("stsz", 0, 0).u32(100).u32(0xFFFFFFFFL).end().end();

        assertThatThrownBy(() -> SampleTableReader.read(box(perSample), FILE_SIZE))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("4294967295 entries");
        assertThatThrownBy(() -> SampleTableReader.read(box(constant), FILE_SIZE))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("do not fit in a file");
    }

    @Test
    void tablesThatDisagreeAreFormatErrors() {
        assertThatThrownBy(() -> SampleTableReader.read(stbl(w ->
                w.startFull("stss", 0, 0).u32(1).u32(5).end()), FILE_SIZE))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("sync sample 5");
        assertThatThrownBy(() -> SampleTableReader.read(stbl(w ->
                w.startFull("ctts", 0, 0).u32(1).u32(0xFFFFFFFFL).u32(0).end()), FILE_SIZE))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("more than the 4 samples");
    }

    @Test
    void chunksThatDoNotHoldTheSamplesAreFormatErrors() throws Exception {
        BoxWriter w = new BoxWriter().start("stbl");
        w.startFull("stsz", 0, 0).u32(5).u32(4).end();
        w.startFull("stts", 0, 0).u32(1).u32(4).u32(1).end();
        w.startFull("stsc", 0, 0).u32(1).u32(1).u32(0xFFFFFFFFL).u32(1).end();
        w.startFull("stco", 0, 0).u32(1).u32(0).end();

        assertThatThrownBy(() -> SampleTableReader.read(box(w.end()), FILE_SIZE))
                .isInstanceOf(Mp4FormatException.class).hasMessageContaining("more than the 4 samples");
    }

    private static Box box(BoxWriter w) throws Mp4FormatException {
        return BoxReader.readAll(ByteBuffer.wrap(w.toByteArray()), 0, "test").get(0);
    }
}
