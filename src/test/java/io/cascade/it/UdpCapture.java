package io.cascade.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Receives the datagrams of a UDP push itself, each with the time it came, to judge the pacing
 * and the transport stream in them the way a receiver with a small buffer would.
 */
final class UdpCapture {
    record Datagram(long nanos, byte[] bytes) {
    }

    private final DatagramChannel channel;

    private UdpCapture(DatagramChannel channel) {
        this.channel = channel;
    }

    /** Bound on a free port of 127.0.0.1 before anything is sent to it, so nothing is missed. */
    static UdpCapture bind() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        return new UdpCapture(channel);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Everything that came within {@code time} of the first datagram. */
    CompletableFuture<List<Datagram>> recordInBackground(Duration time) {
        return CompletableFuture.supplyAsync(() -> {
            List<Datagram> out = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            try (channel) {
                long end = Long.MAX_VALUE;
                while (System.nanoTime() < end) {
                    buf.clear();
                    channel.receive(buf);
                    long now = System.nanoTime();
                    end = Math.min(end, now + time.toNanos());
                    out.add(new Datagram(now, Arrays.copyOf(buf.array(), buf.position())));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }, task -> { // a platform thread of its own, first in line, so its clock is the datagrams' arrival
            Thread t = new Thread(task, "udp capture");
            t.setPriority(Thread.MAX_PRIORITY);
            t.setDaemon(true);
            t.start();
        });
    }

    static byte[] joined(List<Datagram> datagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        datagrams.forEach(d -> out.writeBytes(d.bytes()));
        return out.toByteArray();
    }

    /** The longest time between two PCRs (90 kHz), a discontinuity_indicator starting afresh. */
    static long largestPcrGap(byte[] ts) {
        long last = -1;
        long largest = 0;
        for (int off = 0; off + 188 <= ts.length; off += 188) {
            boolean adaptation = (ts[off + 3] & 0x20) != 0 && (ts[off + 4] & 0xff) > 0;
            if (!adaptation || (ts[off + 5] & 0x10) == 0) {
                continue;
            }
            long pcr = ((ts[off + 6] & 0xffL) << 25) | ((ts[off + 7] & 0xffL) << 17) | ((ts[off + 8] & 0xffL) << 9)
                    | ((ts[off + 9] & 0xffL) << 1) | ((ts[off + 10] & 0x80L) >> 7);
            if (last >= 0 && (ts[off + 5] & 0x80) == 0) {
                largest = Math.max(largest, Math.floorMod(pcr - last, 1L << 33));
            }
            last = pcr;
        }
        return largest;
    }

    /**
     * The least time (90 kHz) from the clock a receiver has when a PES begins (the last PCR) to
     * that PES's decode time: negative would mean a frame came after it was due.
     */
    static long leastDecodeLead(byte[] ts) {
        long pcr = -1;
        long least = Long.MAX_VALUE;
        for (int off = 0; off + 188 <= ts.length; off += 188) {
            boolean adaptation = (ts[off + 3] & 0x20) != 0;
            int payload = off + 4 + (adaptation ? 1 + (ts[off + 4] & 0xff) : 0);
            if (adaptation && (ts[off + 4] & 0xff) > 0 && (ts[off + 5] & 0x10) != 0) {
                pcr = ((ts[off + 6] & 0xffL) << 25) | ((ts[off + 7] & 0xffL) << 17) | ((ts[off + 8] & 0xffL) << 9)
                        | ((ts[off + 9] & 0xffL) << 1) | ((ts[off + 10] & 0x80L) >> 7);
            }
            boolean pesStart = (ts[off + 1] & 0x40) != 0 && payload + 14 <= off + 188 && ts[payload] == 0
                    && ts[payload + 1] == 0 && ts[payload + 2] == 1;
            if (!pesStart || pcr < 0 || (ts[payload + 7] & 0x80) == 0) {
                continue;
            }
            int at = payload + 9 + ((ts[payload + 7] & 0x40) != 0 ? 5 : 0); // the DTS, else the PTS
            long dts = ((ts[at] & 0x0eL) << 29) | ((ts[at + 1] & 0xffL) << 22) | ((ts[at + 2] & 0xfeL) << 14)
                    | ((ts[at + 3] & 0xffL) << 7) | ((ts[at + 4] & 0xfeL) >> 1);
            long lead = dts - pcr;
            lead = lead > (1L << 32) ? lead - (1L << 33) : lead < -(1L << 32) ? lead + (1L << 33) : lead;
            least = Math.min(least, lead);
        }
        return least;
    }

    /** Bytes in the busiest {@code window} over the bytes an average window of that length carries. */
    static double busiestWindowRatio(List<Datagram> datagrams, Duration window) {
        long span = datagrams.getLast().nanos() - datagrams.getFirst().nanos();
        long total = datagrams.stream().mapToLong(d -> d.bytes().length).sum();
        double average = (double) total * window.toNanos() / span;
        long busiest = 0;
        long inWindow = 0;
        int first = 0;
        for (Datagram d : datagrams) {
            inWindow += d.bytes().length;
            while (d.nanos() - datagrams.get(first).nanos() >= window.toNanos()) {
                inWindow -= datagrams.get(first++).bytes().length;
            }
            busiest = Math.max(busiest, inWindow);
        }
        return busiest / average;
    }
}
