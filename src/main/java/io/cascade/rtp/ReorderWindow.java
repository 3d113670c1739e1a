package io.cascade.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts one source's RTP packets back in sequence order (RFC 3550 A.1), holding at most
 * {@code size} packets: a missing packet is waited for until the window is full, then it is
 * counted lost and what follows is released with the loss flagged. Duplicates and packets older
 * than the last released one are dropped.
 */
public final class ReorderWindow {
    /** A packet released in order; {@code afterLoss} when packets before it never came. */
    public record Released(RtpPacket packet, boolean afterLoss) {
    }

    private final int size;
    private final TreeMap<Long, RtpPacket> held = new TreeMap<>();
    private long next = -1;
    private long cycles;
    private int highest = -1;
    private long lost;
    private long received;

    public ReorderWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size " + size);
        }
        this.size = size;
    }

    /** Takes a packet and returns the packets now in order. */
    public List<Released> push(RtpPacket packet) {
        long ext = extend(packet.sequence());
        List<Released> out = new ArrayList<>(1);
        if (next == -1) {
            next = ext;
        }
        if (ext < next || held.containsKey(ext)) {
            return out;
        }
        received++;
        held.put(ext, packet);
        boolean loss = false;
        while (!held.isEmpty()) {
            long first = held.firstKey();
            if (first != next) {
                if (held.size() < size && first - next < 0x8000) {
                    break;
                }
                lost += first - next;
                next = first;
                loss = true;
            }
            out.add(new Released(held.pollFirstEntry().getValue(), loss));
            loss = false;
            next++;
        }
        return out;
    }

    /** The 16-bit sequence number extended with the count of wraps (RFC 3550 A.1). */
    private long extend(int sequence) {
        if (highest == -1) {
            highest = sequence;
            return sequence;
        }
        int delta = (sequence - highest) & 0xffff;
        if (delta < 0x8000) {
            if (sequence < highest) {
                cycles += 0x10000;
            }
            highest = sequence;
            return cycles + sequence;
        }
        // an older packet: it belongs to this cycle, or to the one before when it wrapped
        return sequence > highest ? cycles - 0x10000 + sequence : cycles + sequence;
    }

    /** The highest extended sequence number seen, for receiver reports. */
    public long highestSequence() {
        return cycles + Math.max(highest, 0);
    }

    public long lost() {
        return lost;
    }

    public long received() {
        return received;
    }
}
