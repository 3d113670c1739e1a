package io.cascade.mpegts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the continuity counters of a transport stream as a demuxer does (ISO/IEC 13818-1
 * 2.4.3.3): on every PID a packet with payload counts up by one, a packet without payload repeats
 * the counter, and the discontinuity_indicator excuses a jump. A repeated counter with payload (a
 * duplicate, which players drop) counts as a break too.
 */
public final class TsContinuity {
    private TsContinuity() {
    }

    /** One line per break, naming the packet, the PID and the counters; empty when continuous. */
    public static List<String> breaks(byte[] ts) {
        List<String> breaks = new ArrayList<>();
        Map<Integer, Integer> last = new HashMap<>();
        for (int off = 0; off + TsPacket.SIZE <= ts.length; off += TsPacket.SIZE) {
            int index = off / TsPacket.SIZE;
            if (ts[off] != TsPacket.SYNC) {
                breaks.add("packet " + index + ": no sync byte");
                continue;
            }
            int pid = ((ts[off + 1] & 0x1f) << 8) | (ts[off + 2] & 0xff);
            int control = (ts[off + 3] >> 4) & 3;
            int counter = ts[off + 3] & 15;
            boolean payload = (control & 1) != 0;
            boolean discontinuity = (control & 2) != 0 && (ts[off + 4] & 0xff) > 0 && (ts[off + 5] & 0x80) != 0;
            Integer previous = last.put(pid, counter);
            if (pid == TsPacket.PID_NULL || previous == null || discontinuity) {
                continue;
            }
            int expected = payload ? (previous + 1) & 15 : previous;
            if (counter != expected) {
                breaks.add("packet %d pid 0x%x: counter %d after %d (%s)".formatted(index, pid, counter, previous,
                        payload && counter == previous ? "duplicate" : payload ? "payload" : "adaptation only"));
            }
        }
        return breaks;
    }

    /** Payload packets per PID. */
    public static Map<Integer, Integer> payloadPackets(byte[] ts) {
        Map<Integer, Integer> count = new HashMap<>();
        for (int off = 0; off + TsPacket.SIZE <= ts.length; off += TsPacket.SIZE) {
            if ((ts[off + 3] & 0x10) != 0) {
                count.merge(((ts[off + 1] & 0x1f) << 8) | (ts[off + 2] & 0xff), 1, Integer::sum);
            }
        }
        return count;
    }
}
