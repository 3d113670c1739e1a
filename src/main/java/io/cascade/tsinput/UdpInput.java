package io.cascade.tsinput;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.Optional;

/**
 * {@code input udp://ADDR:PORT}: MPEG-TS in datagrams, unicast or from a multicast group (joined
 * for as long as the input runs, source-specific when {@code ?source=} is given). Each input has
 * its own channel and receives on its own thread, with a large socket buffer so a burst from the
 * sender waits in the kernel rather than being dropped. Datagrams carrying RTP (RFC 2250, as
 * many IPTV headends send) lose their RTP header first.
 */
public final class UdpInput implements Input {
    /** Asked of the kernel; Linux grants at most {@code net.core.rmem_max}. */
    static final int RECEIVE_BUFFER = 8 << 20;
    private static final int MAX_DATAGRAM = 65_536;
    private static final int RTP_HEADER = 12;
    private static final Logger log = LoggerFactory.getLogger(UdpInput.class);
    private static final RateLimitedLog smallBuffer = new RateLimitedLog(log, 3_600_000);

    private final String url;
    private final UdpAddress address;

    /** @throws IllegalArgumentException when the URL is no usable udp:// address */
    public UdpInput(String url) {
        this.url = url;
        this.address = UdpAddress.parse(url);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean pulled() {
        return true;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        TsFeed feed = new TsFeed(sink, address.program());
        try (DatagramChannel channel = open()) {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
            Optional<InetAddress> source = address.multicast() ? Optional.empty() : address.source();
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                if (source.isPresent() && !source.get().equals(from.getAddress())) {
                    continue;
                }
                int off = payloadOffset(buffer.array(), buffer.position());
                feed.feed(buffer.array(), off, buffer.position() - off);
            }
        }
    }

    /** Where the transport stream starts in a datagram: after an RTP header carrying MPEG-TS (payload type 33). */
    static int payloadOffset(byte[] b, int len) {
        if (len >= RTP_HEADER + 188 && (b[0] & 0xc0) == 0x80 && (b[1] & 0x7f) == 33) {
            int csrc = b[0] & 0x0f;
            int off = RTP_HEADER + 4 * csrc;
            if ((b[0] & 0x10) != 0 && off + 4 <= len) {
                off += 4 + 4 * (((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff));
            }
            if (off < len && (b[off] & 0xff) == 0x47) {
                return off;
            }
        }
        return 0;
    }

    private DatagramChannel open() throws IOException {
        InetSocketAddress where = address.address();
        boolean v6 = where.getAddress() instanceof Inet6Address;
        DatagramChannel channel = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            if (granted < RECEIVE_BUFFER) {
                smallBuffer.warn("UDP receive buffers are " + granted + " bytes, not the " + RECEIVE_BUFFER
                        + " asked: a burst may be lost; raise net.core.rmem_max");
            }
            if (address.multicast()) {
                // Several inputs (and other programs) may listen to groups on one port.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                bindGroup(channel, where);
                NetworkInterface nif = joinInterface();
                if (address.source().isPresent()) {
                    channel.join(where.getAddress(), nif, address.source().get());
                } else {
                    channel.join(where.getAddress(), nif);
                }
            } else {
                channel.bind(where);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Bound to the group itself, so datagrams that other sockets' joins bring to the same port
     * (Linux delivers those too) stay out; where binding to a group fails, to any address.
     */
    private static void bindGroup(DatagramChannel channel, InetSocketAddress group) throws IOException {
        try {
            channel.bind(group);
        } catch (IOException e) {
            channel.bind(new InetSocketAddress(group.getPort()));
        }
    }

    /** The interface named in the URL, else the first one up that does multicast (loopback last). */
    private NetworkInterface joinInterface() throws IOException {
        if (address.iface().isPresent()) {
            String name = address.iface().get();
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null && name.matches("[0-9a-fA-F:.]+")) {
                nif = NetworkInterface.getByInetAddress(InetAddress.getByName(name));
            }
            if (nif == null) {
                throw new SocketException("no network interface '" + name + "'");
            }
            return nif;
        }
        NetworkInterface loopback = null;
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || !nif.supportsMulticast()) {
                continue;
            }
            if (!nif.isLoopback()) {
                return nif;
            }
            loopback = nif;
        }
        if (loopback == null) {
            throw new SocketException("no network interface that does multicast is up; name one with ?iface=");
        }
        return loopback;
    }
}
