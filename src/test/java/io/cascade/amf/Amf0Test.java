package io.cascade.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Amf0Test {

    private static byte[] encode(Object... values) {
        ByteBuf buf = Unpooled.buffer();
        new Amf0Writer(buf).writeAll(values);
        return ByteBufUtil.getBytes(buf);
    }

    private static List<Object> decode(byte[] bytes) throws Amf0Exception {
        return new Amf0Reader(Unpooled.wrappedBuffer(bytes)).readAll();
    }

    private static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", ""));
    }

    @Test
    void numberIsBigEndianDouble() {
        assertThat(encode(1.0)).isEqualTo(hex("00 3ff0000000000000"));
        assertThat(encode(5)).isEqualTo(hex("00 4014000000000000"));
    }

    @Test
    void stringBooleanNullEncodings() {
        assertThat(encode("connect")).isEqualTo(hex("02 0007 636f6e6e656374"));
        assertThat(encode(true, false)).isEqualTo(hex("0101 0100"));
        assertThat(encode((Object) null)).isEqualTo(hex("05"));
    }

    @Test
    void objectEncodingEndsWithEmptyKeyAndEndMarker() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("a", 1.0);
        assertThat(encode(o)).isEqualTo(hex("03 0001 61 00 3ff0000000000000 0000 09"));
    }

    @Test
    void ecmaArrayCarriesCount() {
        ByteBuf buf = Unpooled.buffer();
        new Amf0Writer(buf).writeEcmaArray(Map.of("w", 2.0));
        assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(hex("08 00000001 0001 77 00 4000000000000000 0000 09"));
    }

    @Test
    void roundTripsEveryType() throws Amf0Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", "last");
        inner.put("a", false);
        inner.put("n", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("list", Arrays.asList(1.0, "x", null));
        Instant date = Instant.ofEpochMilli(1_700_000_000_123L);
        List<Object> values = Arrays.asList(3.5, true, "héllo", null, outer, List.of(), date);

        List<Object> decoded = decode(encode(values.toArray()));

        assertThat(decoded).isEqualTo(values);
        assertThat(((Map<?, ?>) decoded.get(4)).keySet().toString()).isEqualTo("[inner, list]");
        assertThat(((Map<?, ?>) ((Map<?, ?>) decoded.get(4)).get("inner")).keySet().toString()).isEqualTo("[z, a, n]");
    }

    @Test
    void longStringRoundTrips() throws Amf0Exception {
        String big = "x".repeat(70_000);
        byte[] bytes = encode(big);
        assertThat(bytes[0]).isEqualTo((byte) 0x0C);
        assertThat(decode(bytes)).containsExactly(big);
    }

    @Test
    void readsUndefinedAsNullAndEcmaArrayAsMap() throws Amf0Exception {
        byte[] bytes = hex("06 08 00000009 0001 77 00 4000000000000000 0000 09");
        assertThat(decode(bytes)).containsExactly(null, Map.of("w", 2.0));
    }

    @Test
    void truncatedInputFails() {
        assertThatThrownBy(() -> decode(hex("02 0010 6162"))).isInstanceOf(Amf0Exception.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode(hex("00 3ff0"))).isInstanceOf(Amf0Exception.class);
        assertThatThrownBy(() -> decode(hex("03 0001 61 00"))).isInstanceOf(Amf0Exception.class);
    }

    @Test
    void hugeDeclaredSizesFailWithoutAllocating() {
        assertThatThrownBy(() -> decode(hex("0c 7fffffff 00"))).isInstanceOf(Amf0Exception.class);
        assertThatThrownBy(() -> decode(hex("0a 7fffffff 05"))).isInstanceOf(Amf0Exception.class)
                .hasMessageContaining("strict array");
    }

    @Test
    void deepNestingFails() {
        ByteBuf buf = Unpooled.buffer();
        for (int i = 0; i < 50; i++) {
            buf.writeByte(0x0A).writeInt(1);
        }
        buf.writeByte(0x05);
        assertThatThrownBy(() -> decode(ByteBufUtil.getBytes(buf))).isInstanceOf(Amf0Exception.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void unknownMarkerFails() {
        assertThatThrownBy(() -> decode(hex("11"))).isInstanceOf(Amf0Exception.class).hasMessageContaining("0x11");
    }

    @Test
    void writerRejectsUnknownTypes() {
        assertThatThrownBy(() -> encode(new ArrayList<>(List.of(new Object())))).isInstanceOf(IllegalArgumentException.class);
    }
}
