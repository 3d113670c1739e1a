package io.cascade.mp4;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Walks the consecutive boxes of an in-memory region (a whole buffer or a parent's body). */
public final class BoxReader {
    private final ByteBuffer region;
    private final long regionOffset;
    private final String parent;

    /** Boxes of a whole buffer, offsets counted from its start. */
    public BoxReader(ByteBuffer region) {
        this(region, 0, "top level");
    }

    /**
     * @param region       the bytes holding the boxes, from position to limit
     * @param regionOffset where the region starts, for offsets and messages
     * @param parent       the parent box type, for messages
     */
    public BoxReader(ByteBuffer region, long regionOffset, String parent) {
        this.region = region.slice();
        this.regionOffset = regionOffset;
        this.parent = parent;
    }

    public static List<Box> readAll(ByteBuffer region, long regionOffset, String parent)
            throws Mp4FormatException {
        BoxReader reader = new BoxReader(region, regionOffset, parent);
        List<Box> boxes = new ArrayList<>();
        while (reader.hasNext()) {
            boxes.add(reader.next());
        }
        return boxes;
    }

    /**
     * True while boxes remain. A tail of fewer than 8 zero bytes is the terminator some writers
     * put after the last child and is skipped; any other short tail is reported by {@link #next()}.
     */
    public boolean hasNext() {
        int left = region.remaining();
        if (left > 0 && left < 8 && allZero()) {
            region.position(region.limit());
            return false;
        }
        return left > 0;
    }

    public Box next() throws Mp4FormatException {
        int start = region.position();
        long offset = regionOffset + start;
        BoxHeader h = BoxHeader.read(region, region.remaining(), offset, parent);
        ByteBuffer body = region.slice(start + h.headerSize(), (int) h.bodySize());
        region.position(start + (int) h.size());
        return new Box(h.type(), offset, h.headerSize(), body);
    }

    private boolean allZero() {
        for (int i = region.position(); i < region.limit(); i++) {
            if (region.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
