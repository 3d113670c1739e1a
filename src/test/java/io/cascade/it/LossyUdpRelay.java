package io.cascade.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards datagrams from a local port to another, dropping every {@code dropEvery}-th one, as a
 * lossy network between a sender and the server would.
 */
final class LossyUdpRelay implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    LossyUdpRelay(int to, int dropEvery) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), to);
        thread = Thread.ofPlatform().daemon().name("lossy-relay").start(() -> {
            byte[] buf = new byte[65_536];
            long n = 0;
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    if (++n % dropEvery == 0) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    socket.send(new DatagramPacket(p.getData(), p.getLength(), target));
                    forwarded.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** A UDP port free on the loopback just now. */
    static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2_000);
    }
}
