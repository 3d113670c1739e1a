package io.cascade.mpegts;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Collects the packets of one PID into PES packets (ISO/IEC 13818-1 2.4.3.6). A PES ends when its
 * PES_packet_length is reached or, for length 0 (unbounded video), at the next unit start.
 */
final class PesAssembler {
    /** A PES larger than this is corrupt or hostile; it is dropped. */
    static final int MAX_PES = 16 << 20;

    private final Consumer<Pes> sink;
    private byte[] buf = new byte[4096];
    private int len;
    private boolean active;
    private int expected; // total bytes of a bounded PES, 0 when unbounded

    PesAssembler(Consumer<Pes> sink) {
        this.sink = sink;
    }

    void payload(byte[] b, int off, int end, boolean unitStart) {
        if (unitStart) {
            finish();
            active = true;
            len = 0;
            expected = 0;
        }
        if (!active) {
            return; // waiting for a unit start after loss
        }
        append(b, off, end);
        if (expected == 0 && len >= 6) {
            int packetLength = ((buf[4] & 0xff) << 8) | (buf[5] & 0xff);
            expected = packetLength == 0 ? -1 : 6 + packetLength;
        }
        if (expected > 0 && len >= expected) {
            len = expected;
            finish();
        }
    }

    /** Discards the PES in progress, e.g. after a continuity error. */
    void discard() {
        active = false;
        len = 0;
    }

    /** Emits the PES in progress, if any; called at a unit start and at end of stream. */
    void finish() {
        if (!active) {
            return;
        }
        active = false;
        Pes pes = parse();
        len = 0;
        if (pes != null) {
            sink.accept(pes);
        }
    }

    private void append(byte[] b, int off, int end) {
        int n = end - off;
        if (len + n > MAX_PES) {
            discard();
            return;
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.min(MAX_PES, Math.max(buf.length * 2, len + n)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** The PES in {@code buf}, or null when its header is malformed. */
    private Pes parse() {
        if (len < 9 || buf[0] != 0 || buf[1] != 0 || buf[2] != 1 || (buf[6] & 0xc0) != 0x80) {
            return null;
        }
        int flags = (buf[7] >> 6) & 3;
        int headerLength = buf[8] & 0xff;
        int payloadStart = 9 + headerLength;
        int timestampBytes = flags == 3 ? 10 : flags == 2 ? 5 : 0;
        if (payloadStart > len || headerLength < timestampBytes) {
            return null;
        }
        long pts = timestampBytes > 0 ? timestamp(9) : Pes.NO_TIMESTAMP;
        long dts = flags == 3 ? timestamp(14) : Pes.NO_TIMESTAMP;
        return new Pes(pts, dts, Arrays.copyOfRange(buf, payloadStart, len));
    }

    private long timestamp(int p) {
        return ((long) ((buf[p] >> 1) & 7) << 30)
                | ((long) (buf[p + 1] & 0xff) << 22)
                | ((long) ((buf[p + 2] & 0xff) >> 1) << 15)
                | ((long) (buf[p + 3] & 0xff) << 7)
                | ((buf[p + 4] & 0xff) >> 1);
    }
}
