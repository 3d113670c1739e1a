package io.cascade.cmaf;

import java.nio.ByteBuffer;

/**
 * Moves fragments on the timeline: every {@code tfdt} of a run of {@code moof}+{@code mdat}
 * boxes shifted by one amount, everything else untouched. An exported file starts at 0 this
 * way, where the canonical fragments carry 90 kHz UTC times (about 1.7·10⁹ s), which readers
 * would count as the file's duration.
 */
public final class FragmentTimes {
    private FragmentTimes() {
    }

    /** A copy of {@code fragments} with each decode time minus {@code delta}; clamped at 0. */
    public static byte[] shifted(byte[] fragments, long delta) {
        byte[] out = fragments.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        walk(b, 0, out.length, delta);
        return out;
    }

    private static void walk(ByteBuffer b, int from, int to, long delta) {
        int at = from;
        while (at + 8 <= to) {
            long size = Integer.toUnsignedLong(b.getInt(at));
            int header = 8;
            if (size == 1 && at + 16 <= to) {
                size = b.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                return; // not a box we can follow: leave the rest as it is
            }
            String type = new String(out(b, at + 4), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = (int) (at + size);
            switch (type) {
                case "moof", "traf" -> walk(b, at + header, end, delta);
                case "tfdt" -> patch(b, at + header, end, delta);
                default -> { }
            }
            at = end;
        }
    }

    private static byte[] out(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return t;
    }

    private static void patch(ByteBuffer b, int at, int end, long delta) {
        int version = b.get(at) & 0xFF;
        if (version == 1 && at + 12 <= end) {
            b.putLong(at + 4, Math.max(0, b.getLong(at + 4) - delta));
        } else if (version == 0 && at + 8 <= end) {
            b.putInt(at + 4, (int) Math.max(0, Integer.toUnsignedLong(b.getInt(at + 4)) - delta));
        }
    }
}
