package io.cascade.amf;

import io.cascade.testing.Fuzz;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AMF0 reader, fed hostile variants of real commands, fails with MediaFormatException only. */
class Amf0FuzzTest {
    @Test
    void reader() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("tcUrl", "rtmp://127.0.0.1/live");
        object.put("nested", Map.of("width", 320.0, "ok", true));
        ByteBuf command = Unpooled.buffer();
        new Amf0Writer(command).writeAll("connect", 1.0, object, List.of(1.0, "two", Instant.ofEpochMilli(3)));
        ByteBuf meta = Unpooled.buffer();
        new Amf0Writer(meta).write("onMetaData").writeEcmaArray(Map.of("width", 320.0, "framerate", 25.0));
        Fuzz.onlyFormatErrors("Amf0Reader", List.of(ByteBufUtil.getBytes(command), ByteBufUtil.getBytes(meta)), 500, 41,
                b -> new Amf0Reader(Unpooled.wrappedBuffer(b)).readAll());
    }
}
