package io.cascade.it;

import io.cascade.rtmp.RawRtmpSockets;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle RTMP clients, run in a process of their own so that the test's {@code /proc/self/fd}
 * counts the server's descriptors only: opens {@code silent} connections that send nothing and
 * {@code handshaken} ones that complete the handshake and then send nothing, prints
 * {@code OPEN}, waits for the server to close every one, then prints
 * {@code CLOSED <first-close-seconds>} and exits 0 (or prints {@code STILL OPEN n} and exits 1).
 *
 * <p>Arguments: port, handshaken count, silent count, seconds to wait for the closes.
 */
public final class IdleRtmpClients {
    private IdleRtmpClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int handshaken = Integer.parseInt(args[1]);
        int silent = Integer.parseInt(args[2]);
        int waitSeconds = Integer.parseInt(args[3]);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < silent; i++) {
            sockets.add(new Socket("127.0.0.1", port));
        }
        for (int i = 0; i < handshaken; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            RawRtmpSockets.handshake(s);
            sockets.add(s);
        }
        long opened = System.nanoTime();
        System.out.println("OPEN");
        System.out.flush();
        long deadline = opened + waitSeconds * 1_000_000_000L;
        double firstClose = -1;
        int stillOpen = 0;
        for (Socket s : sockets) {
            if (!RawRtmpSockets.closedWithin(s, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                stillOpen++;
            } else if (firstClose < 0) {
                firstClose = (System.nanoTime() - opened) / 1e9;
            }
            s.close();
        }
        if (stillOpen > 0) {
            System.out.println("STILL OPEN " + stillOpen);
            System.exit(1);
        }
        System.out.printf("CLOSED %.1f%n", firstClose);
        System.exit(0);
    }
}
