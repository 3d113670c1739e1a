package io.cascade.tsout;

import io.cascade.config.PushConfig;
import io.cascade.hls.TsSegments;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.cascade.mpegts.ContinuousTsWriter;
import io.cascade.mpegts.TsRetimer;
import io.cascade.net.RateLimitedLog;
import io.cascade.stream.LiveStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * One {@code push udp://...} of a stream, on a thread of its own: the newest segment on, each
 * segment's TS form joined to the previous ({@link ContinuousTsWriter}), its PCRs made to say when
 * it is sent ({@link TsRetimer}), then paced out in 1316-byte datagrams ({@link DatagramPacer}).
 * Any failure (the address does not resolve, the network is down, a segment has no TS form)
 * ends this run with one log line, rate-limited, and the push starts again a second later.
 */
final class UdpPush implements Runnable {
    /** The PCR runs this far (1 s) behind the stream's DTS, so a keyframe sent evenly is never late. */
    static final long PCR_ADVANCE = Timebase.HZ;
    /** A push this many segments behind the newest (its stream ran ahead of the clock) skips to it. */
    static final int MAX_LAG = 2;
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(UdpPush.class);

    private final LiveStream stream;
    private final PushConfig target;
    private final BooleanSupplier carried;
    private final DatagramPacer.Clock clock;
    private final RateLimitedLog failures = new RateLimitedLog(log, 30_000);

    /** @param carried false once the stream is gone from the server: the push then ends */
    UdpPush(LiveStream stream, PushConfig target, BooleanSupplier carried, DatagramPacer.Clock clock) {
        this.stream = stream;
        this.target = target;
        this.carried = carried;
        this.clock = clock;
    }

    /** The name the stream counts this push by among its clients. */
    String client() {
        return "push " + target.url();
    }

    @Override
    public void run() {
        while (carried.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                pushUntilFailure();
            } catch (InterruptedException | CancellationException e) {
                return;
            } catch (IOException | RuntimeException | ExecutionException e) {
                failures.warn("stream " + stream.name() + ": push to " + target.url() + " failed, restarting in 1 s: "
                        + (e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e));
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pushUntilFailure() throws IOException, InterruptedException, ExecutionException {
        InetAddress address = InetAddress.getByName(target.host());
        InetSocketAddress to = new InetSocketAddress(address, target.port());
        try (DatagramChannel channel = open(address);
             LiveSegments segments = new LiveSegments(stream.store(), LiveSegments.NEWEST, MAX_LAG, StreamRequests.WORKERS)) {
            ContinuousTsWriter writer = new ContinuousTsWriter();
            TsRetimer retimer = new TsRetimer();
            DatagramPacer pacer = new DatagramPacer(clock, datagram -> channel.send(datagram, to));
            long last = Long.MIN_VALUE;
            log.info("stream {}: pushing to {}", stream.name(), target.url());
            while (carried.getAsBoolean()) {
                Segment s = segments.next().get();
                if (!carried.getAsBoolean()) {
                    return;
                }
                boolean jump = s.discontinuity() || (last != Long.MIN_VALUE && s.number() != last + 1);
                last = s.number();
                byte[] joined = ContinuousTsWriter.joined(writer.next(TsSegments.of(s), s.number(), s.discontinuity()));
                byte[] timed = retimer.retime(joined, s.startDts() - PCR_ADVANCE, s.duration());
                pacer.send(timed, s.startDts(), s.duration(), jump);
            }
        }
    }

    private DatagramChannel open(InetAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            if (address.isMulticastAddress()) {
                if (target.ttl().isPresent()) {
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, target.ttl().getAsInt());
                }
                channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, target.multicastLoop());
                if (target.iface().isPresent()) {
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface(target.iface().get()));
                }
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static NetworkInterface networkInterface(String nameOrAddress) throws IOException {
        NetworkInterface byName = NetworkInterface.getByName(nameOrAddress);
        if (byName != null) {
            return byName;
        }
        // only an address literal is looked up by address: a name that is no interface is not a host to resolve
        boolean literal = nameOrAddress.contains(":") || nameOrAddress.matches("[0-9.]+");
        NetworkInterface byAddress = literal ? NetworkInterface.getByInetAddress(InetAddress.getByName(nameOrAddress)) : null;
        if (byAddress == null) {
            throw new IOException("no network interface " + nameOrAddress);
        }
        return byAddress;
    }
}
