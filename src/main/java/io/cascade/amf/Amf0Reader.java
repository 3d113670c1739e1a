package io.cascade.amf;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF0 values from a buffer, advancing its reader index.
 *
 * <p>ECMA arrays are read like objects (their count is only a hint, the object-end marker is
 * what ends them). References and AMF3 switches are not supported: RTMP commands never need them.
 */
public final class Amf0Reader {
    /** Commands nest two or three levels; anything deeper is garbage or an attack. */
    public static final int MAX_DEPTH = 32;

    private final ByteBuf in;

    public Amf0Reader(ByteBuf in) {
        this.in = in;
    }

    public boolean hasMore() {
        return in.isReadable();
    }

    /** Reads one value. */
    public Object read() throws Amf0Exception {
        return readValue(0);
    }

    /** Reads every value up to the end of the buffer. */
    public List<Object> readAll() throws Amf0Exception {
        List<Object> values = new ArrayList<>();
        while (hasMore()) {
            values.add(read());
        }
        return values;
    }

    private Object readValue(int depth) throws Amf0Exception {
        if (depth > MAX_DEPTH) {
            throw new Amf0Exception("AMF0 nesting deeper than " + MAX_DEPTH);
        }
        int marker = readUnsignedByte();
        return switch (marker) {
            case Amf0Marker.NUMBER -> readDouble();
            case Amf0Marker.BOOLEAN -> readUnsignedByte() != 0;
            case Amf0Marker.STRING -> readUtf8(readUnsignedShort());
            case Amf0Marker.LONG_STRING -> readUtf8(readUnsignedInt());
            case Amf0Marker.OBJECT -> readProperties(depth);
            case Amf0Marker.ECMA_ARRAY -> {
                need(4);
                in.skipBytes(4); // associative count: informational only, real writers get it wrong
                yield readProperties(depth);
            }
            case Amf0Marker.STRICT_ARRAY -> readStrictArray(depth);
            case Amf0Marker.DATE -> readDate();
            case Amf0Marker.NULL, Amf0Marker.UNDEFINED -> null;
            default -> throw new Amf0Exception(String.format("unsupported AMF0 marker 0x%02x", marker),
                    in.readerIndex() - 1, "a marker of a type RTMP commands use");
        };
    }

    private Map<String, Object> readProperties(int depth) throws Amf0Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String key = readUtf8(readUnsignedShort());
            if (key.isEmpty() && peekMarker() == Amf0Marker.OBJECT_END) {
                in.skipBytes(1);
                return map;
            }
            map.put(key, readValue(depth + 1));
        }
    }

    private List<Object> readStrictArray(int depth) throws Amf0Exception {
        long count = readUnsignedInt();
        // every element takes at least one byte, so a count beyond what is left is a lie
        if (count > in.readableBytes()) {
            throw new Amf0Exception("AMF0 strict array of " + count + " elements in "
                    + in.readableBytes() + " bytes");
        }
        List<Object> list = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            list.add(readValue(depth + 1));
        }
        return list;
    }

    private Instant readDate() throws Amf0Exception {
        double millis = readDouble();
        need(2);
        in.skipBytes(2); // time zone: reserved, should be 0
        if (Double.isNaN(millis) || Double.isInfinite(millis)) {
            throw new Amf0Exception("AMF0 date is not a finite number");
        }
        return Instant.ofEpochMilli((long) millis);
    }

    private int peekMarker() throws Amf0Exception {
        need(1);
        return in.getUnsignedByte(in.readerIndex());
    }

    private String readUtf8(long length) throws Amf0Exception {
        need(length);
        String s = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
        in.skipBytes((int) length);
        return s;
    }

    private double readDouble() throws Amf0Exception {
        need(8);
        return in.readDouble();
    }

    private int readUnsignedByte() throws Amf0Exception {
        need(1);
        return in.readUnsignedByte();
    }

    private int readUnsignedShort() throws Amf0Exception {
        need(2);
        return in.readUnsignedShort();
    }

    private long readUnsignedInt() throws Amf0Exception {
        need(4);
        return in.readUnsignedInt();
    }

    private void need(long bytes) throws Amf0Exception {
        if (in.readableBytes() < bytes) {
            throw new Amf0Exception("AMF0 truncated", in.readerIndex(), bytes + " bytes, " + in.readableBytes() + " left");
        }
    }
}
