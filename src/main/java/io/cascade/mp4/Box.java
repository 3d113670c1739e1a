package io.cascade.mp4;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * One box held in memory.
 *
 * @param type       the four-character code
 * @param offset     where the box (its header) starts, relative to the buffer it was read from
 * @param headerSize bytes before the body
 * @param body       the box's content after the header
 */
public record Box(String type, long offset, int headerSize, ByteBuffer body) {

    public Box {
        body = body.slice().asReadOnlyBuffer();
    }

    /** A fresh view of the body; reading it never disturbs this box. */
    @Override
    public ByteBuffer body() {
        return body.duplicate();
    }

    public int bodySize() {
        return body.remaining();
    }

    public long bodyOffset() {
        return offset + headerSize;
    }

    public long size() {
        return headerSize + (long) body.remaining();
    }

    public FieldReader fields() {
        return new FieldReader(body(), type);
    }

    /** The boxes that make up the whole body (for pure containers like moov or trak). */
    public List<Box> children() throws Mp4FormatException {
        return childrenAfter(0);
    }

    /** The boxes that follow {@code fieldBytes} bytes of fields (for sample entries, stsd, …). */
    public List<Box> childrenAfter(int fieldBytes) throws Mp4FormatException {
        if (fieldBytes > bodySize()) {
            throw new Mp4FormatException("'" + type + "' has " + bodySize() + " bytes, fewer than its "
                    + fieldBytes + " bytes of fields");
        }
        ByteBuffer rest = body().position(fieldBytes).slice();
        return BoxReader.readAll(rest, bodyOffset() + fieldBytes, type);
    }

    public Optional<Box> child(String childType) throws Mp4FormatException {
        for (Box b : children()) {
            if (b.type.equals(childType)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    public Box requireChild(String childType) throws Mp4FormatException {
        return child(childType).orElseThrow(() -> new Mp4FormatException(
                "'" + type + "' at offset " + offset + " has no '" + childType + "' box"));
    }

    /** Follows a slash-separated path of container boxes, e.g. {@code "mdia/minf/stbl"}. */
    public Optional<Box> find(String path) throws Mp4FormatException {
        Box at = this;
        for (String step : path.split("/")) {
            Optional<Box> next = at.child(step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }

    public Box require(String path) throws Mp4FormatException {
        return find(path).orElseThrow(() -> new Mp4FormatException(
                "'" + type + "' at offset " + offset + " has no '" + path + "'"));
    }

    @Override
    public String toString() {
        return "Box[" + type + " @" + offset + " " + size() + " bytes]";
    }
}
