package io.cascade.mpegts;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reassembles PSI sections (ISO/IEC 13818-1 2.4.4) of one PID from packet payloads, following
 * pointer_field, and hands complete sections with a valid CRC to a consumer.
 */
final class SectionAssembler {
    /** PAT and PMT sections are at most 1024 bytes (section_length ≤ 1021). */
    private static final int MAX_SECTION = 1024;

    private final Consumer<byte[]> sink;
    private final byte[] buf = new byte[MAX_SECTION];
    private int len = -1; // -1: not inside a section

    SectionAssembler(Consumer<byte[]> sink) {
        this.sink = sink;
    }

    void reset() {
        len = -1;
    }

    void payload(byte[] b, int off, int end, boolean unitStart) {
        if (!unitStart) {
            if (len >= 0) {
                append(b, off, end);
            }
            return;
        }
        int pointer = b[off] & 0xff;
        int start = off + 1 + pointer;
        if (start > end) {
            len = -1;
            return;
        }
        if (len >= 0) {
            append(b, off + 1, start); // the tail of the section begun in earlier packets
        }
        int pos = start;
        while (pos < end && (b[pos] & 0xff) != 0xff) { // 0xFF table_id: stuffing up to the packet end
            len = 0;
            pos += append(b, pos, end);
            if (len > 0) {
                return; // section continues in the next packet
            }
        }
    }

    /** Adds bytes to the section being collected; returns how many were used. Emits when complete. */
    private int append(byte[] b, int off, int end) {
        int used = 0;
        while (off + used < end) {
            int need = len < 3 ? 3 : 3 + sectionLength();
            if (need > MAX_SECTION) {
                len = -1;
                return end - off;
            }
            int n = Math.min(need - len, end - off - used);
            System.arraycopy(b, off + used, buf, len, n);
            len += n;
            used += n;
            if (len >= 3 && len == 3 + sectionLength()) {
                complete();
                return used;
            }
        }
        return used;
    }

    private int sectionLength() {
        return ((buf[1] & 0x0f) << 8) | (buf[2] & 0xff);
    }

    private void complete() {
        byte[] section = Arrays.copyOf(buf, len);
        len = -1;
        boolean syntax = (section[1] & 0x80) != 0;
        if (syntax && section.length >= 12 && Crc32Mpeg.compute(section, 0, section.length) == 0) {
            sink.accept(section);
        }
    }
}
