package io.cascade.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
    private static final int PACKET = 1536;

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
            handshake(s);
            sockets.add(s);
        }
        long opened = System.nanoTime();
        System.out.println("OPEN");
        System.out.flush();
        long deadline = opened + waitSeconds * 1_000_000_000L;
        double firstClose = -1;
        int stillOpen = 0;
        for (Socket s : sockets) {
            if (!closedByServer(s, deadline)) {
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

    private static void handshake(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(3);
        out.write(new byte[PACKET]);
        out.flush();
        new DataInputStream(s.getInputStream()).readFully(new byte[1 + 2 * PACKET]);
        out.write(new byte[PACKET]);
        out.flush();
    }

    private static boolean closedByServer(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                s.setSoTimeout((int) left);
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
