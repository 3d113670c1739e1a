package io.cascade.mp4;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoxReaderTest {

    private static List<Box> read(byte[] bytes) throws Mp4FormatException {
        return BoxReader.readAll(ByteBuffer.wrap(bytes), 0, "test");
    }

    @Test
    void readsConsecutiveBoxesWithTheirBodiesAndOffsets() throws Exception {
        byte[] bytes = new BoxWriter().start("free").u8(1).u8(2).u8(3).end().start("skip").end().toByteArray();

        List<Box> boxes = read(bytes);

        assertThat(boxes).extracting(Box::type).containsExactly("free", "skip");
        assertThat(boxes.get(0).bodySize()).isEqualTo(3);
        assertThat(boxes.get(0).body().get(2)).isEqualTo((byte) 3);
        assertThat(boxes.get(1).offset()).isEqualTo(11);
        assertThat(boxes.get(1).bodySize()).isZero();
    }

    @Test
    void readsLargesize() throws Exception {
        byte[] bytes = new BoxWriter().u32(1).fourcc("mdat").u64(20).u32(0xCAFEBABEL).toByteArray();

        Box box = read(bytes).get(0);

        assertThat(box.headerSize()).isEqualTo(16);
        assertThat(box.bodySize()).isEqualTo(4);
        assertThat(box.fields().u32()).isEqualTo(0xCAFEBABEL);
    }

    @Test
    void sizeZeroExtendsToTheEndOfTheParent() throws Exception {
        byte[] bytes = new BoxWriter().start("free").end().u32(0).fourcc("mdat").zeros(100).toByteArray();

        List<Box> boxes = read(bytes);

        assertThat(boxes).hasSize(2);
        assertThat(boxes.get(1).bodySize()).isEqualTo(100);
    }

    @Test
    void childClaimingMoreThanItsParentHoldsIsAFormatError() {
        byte[] bytes = new BoxWriter().start("moov").u32(1000).fourcc("trak").zeros(8).end().toByteArray();

        assertThatThrownBy(() -> read(bytes).get(0).children())
                .isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("'trak'").hasMessageContaining("claims 1000");
    }

    @Test
    void sizeSmallerThanTheHeaderIsAFormatError() {
        byte[] bytes = new BoxWriter().u32(4).fourcc("free").toByteArray();

        assertThatThrownBy(() -> read(bytes)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("smaller than its 8-byte header");
    }

    @Test
    void truncatedHeaderIsAFormatErrorButZeroPaddingIsSkipped() throws Exception {
        byte[] garbageTail = new BoxWriter().start("free").end().u8(1).u8(2).u8(3).toByteArray();
        byte[] zeroTail = new BoxWriter().start("free").end().u32(0).toByteArray();

        assertThatThrownBy(() -> read(garbageTail)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("truncated box header");
        assertThat(read(zeroTail)).hasSize(1);
    }

    @Test
    void findsBoxesByPath() throws Exception {
        byte[] bytes = new BoxWriter().start("moov").start("trak").start("mdia").u8(7).end().end().end()
                .toByteArray();
        Box moov = read(bytes).get(0);

        assertThat(moov.require("trak/mdia").fields().u8()).isEqualTo(7);
        assertThat(moov.find("trak/minf")).isEmpty();
        assertThatThrownBy(() -> moov.require("trak/minf")).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("trak/minf");
    }

    @Test
    void fieldReadsPastTheEndAreFormatErrors() throws Exception {
        Box box = read(new BoxWriter().start("stts").u32(0).u32(1_000_000).end().toByteArray()).get(0);

        FieldReader in = box.fields();
        in.skip(4);
        assertThatThrownBy(() -> in.entryCount(8)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("1000000 entries");
        FieldReader tail = box.fields();
        tail.skip(4);
        assertThatThrownBy(tail::u64).isInstanceOf(Mp4FormatException.class);
        assertThatThrownBy(() -> box.fields().skip(9)).isInstanceOf(Mp4FormatException.class)
                .hasMessageContaining("'stts'");
    }
}
