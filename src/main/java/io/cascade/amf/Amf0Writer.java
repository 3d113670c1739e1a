package io.cascade.amf;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes AMF0 values to a buffer. {@link #write(Object)} picks the type from the Java value:
 * any {@link Number} becomes a number, a {@link Map} an object, a {@link List} a strict array;
 * {@link #writeEcmaArray(Map)} writes a map as an ECMA array, as {@code onMetaData} expects.
 */
public final class Amf0Writer {
    private static final int SHORT_STRING_MAX = 0xFFFF;

    private final ByteBuf out;

    public Amf0Writer(ByteBuf out) {
        this.out = out;
    }

    public Amf0Writer write(Object value) {
        switch (value) {
            case null -> out.writeByte(Amf0Marker.NULL);
            case Number n -> writeNumber(n.doubleValue());
            case Boolean b -> {
                out.writeByte(Amf0Marker.BOOLEAN);
                out.writeByte(b ? 1 : 0);
            }
            case String s -> writeString(s);
            case Map<?, ?> m -> writeProperties(Amf0Marker.OBJECT, m);
            case List<?> l -> writeStrictArray(l);
            case Instant i -> {
                out.writeByte(Amf0Marker.DATE);
                out.writeDouble(i.toEpochMilli());
                out.writeShort(0);
            }
            default -> throw new IllegalArgumentException("no AMF0 form for " + value.getClass().getName());
        }
        return this;
    }

    public Amf0Writer writeAll(Object... values) {
        for (Object v : values) {
            write(v);
        }
        return this;
    }

    public Amf0Writer writeUndefined() {
        out.writeByte(Amf0Marker.UNDEFINED);
        return this;
    }

    public Amf0Writer writeEcmaArray(Map<String, ?> map) {
        writeProperties(Amf0Marker.ECMA_ARRAY, map);
        return this;
    }

    private void writeNumber(double d) {
        out.writeByte(Amf0Marker.NUMBER);
        out.writeDouble(d);
    }

    private void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > SHORT_STRING_MAX) {
            out.writeByte(Amf0Marker.LONG_STRING);
            out.writeInt(utf8.length);
        } else {
            out.writeByte(Amf0Marker.STRING);
            out.writeShort(utf8.length);
        }
        out.writeBytes(utf8);
    }

    private void writeProperties(int marker, Map<?, ?> map) {
        out.writeByte(marker);
        if (marker == Amf0Marker.ECMA_ARRAY) {
            out.writeInt(map.size());
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeKey(String.valueOf(e.getKey()));
            write(e.getValue());
        }
        out.writeShort(0);
        out.writeByte(Amf0Marker.OBJECT_END);
    }

    private void writeKey(String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > SHORT_STRING_MAX) {
            throw new IllegalArgumentException("AMF0 property name longer than 65535 bytes");
        }
        out.writeShort(utf8.length);
        out.writeBytes(utf8);
    }

    private void writeStrictArray(List<?> list) {
        out.writeByte(Amf0Marker.STRICT_ARRAY);
        out.writeInt(list.size());
        for (Object o : list) {
            write(o);
        }
    }
}
