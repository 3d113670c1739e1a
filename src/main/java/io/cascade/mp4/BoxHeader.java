package io.cascade.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The size and type that start every box.
 *
 * @param type       the four-character code
 * @param headerSize 8, 16 with a 64-bit {@code largesize}, plus 16 for a {@code uuid} box
 * @param size       the whole box, header included
 */
public record BoxHeader(String type, int headerSize, long size) {

    public long bodySize() {
        return size - headerSize;
    }

    /**
     * Reads a header from {@code src} (starting at its position, which is left unchanged).
     *
     * @param available bytes from the box start to the end of its parent; size 0 means all of them
     * @param offset    where the box starts in the file, for messages
     * @param parent    the parent's type, for messages
     */
    public static BoxHeader read(ByteBuffer src, long available, long offset, String parent)
            throws Mp4FormatException {
        ByteBuffer in = src.slice();
        long limit = Math.min(available, in.remaining());
        if (limit < 8) {
            throw new Mp4FormatException("truncated box header at offset " + offset + " in '" + parent
                    + "': only " + limit + " bytes left");
        }
        long size = in.getInt() & 0xFFFFFFFFL;
        String type = fourcc(in);
        int headerSize = 8;
        if (size == 1) {
            if (limit < 16) {
                throw new Mp4FormatException("truncated largesize of box '" + type + "' at offset " + offset);
            }
            size = in.getLong();
            headerSize = 16;
        } else if (size == 0) {
            size = available;
        }
        if (type.equals("uuid")) {
            headerSize += 16;
        }
        if (size < headerSize) {
            throw new Mp4FormatException("box '" + type + "' at offset " + offset + " has size " + size
                    + ", smaller than its " + headerSize + "-byte header");
        }
        if (size > available) {
            throw new Mp4FormatException("box '" + type + "' at offset " + offset + " claims " + size
                    + " bytes but '" + parent + "' has only " + available + " left");
        }
        return new BoxHeader(type, headerSize, size);
    }

    static String fourcc(ByteBuffer in) {
        byte[] b = new byte[4];
        in.get(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
