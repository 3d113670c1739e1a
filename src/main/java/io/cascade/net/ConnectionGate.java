package io.cascade.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the connections a server holds: in all, and from one client address. Installed first in
 * the pipeline of every accepted connection (one instance may be shared by several listeners,
 * which then share the limits); a connection over a limit is closed at once, before any protocol
 * handler sees it, with a rate-limited log line. An IPv6 client counts by its /64, the block one
 * subscriber gets, so it cannot dodge the limit by changing addresses.
 */
@ChannelHandler.Sharable
public final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);

    /**
     * @param total      connections held at once, from everyone
     * @param perAddress connections held at once from one address (IPv6: one /64)
     */
    public record Limits(int total, int perAddress) {
        public Limits {
            if (total < 1 || perAddress < 1) {
                throw new IllegalArgumentException("connection limits must be at least 1: " + total + ", " + perAddress);
            }
        }
    }

    private final Limits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();
    private final RateLimitedLog refusals = new RateLimitedLog(log, 10_000);

    public ConnectionGate(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Connections held now. */
    public int open() {
        return open.get();
    }

    /** Connections held now from the address (or IPv6 /64) of {@code address}. */
    public int open(InetAddress address) {
        return byAddress.getOrDefault(key(address), 0);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        Optional<String> refusal = admit(ch);
        if (refusal.isPresent()) {
            refusals.warn("refused a connection from " + ch.remoteAddress() + " to " + ch.localAddress()
                    + ": " + refusal.get());
            ctx.close();
            return;
        }
        // Counted once; nothing more to do for this connection until it closes.
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    /** Counts {@code ch} in, releasing it when it closes, or says which limit it is over. */
    private Optional<String> admit(Channel ch) {
        String address = ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? key(a.getAddress()) : String.valueOf(ch.remoteAddress());
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            return Optional.of("max_connections " + limits.total() + " reached");
        }
        boolean[] admitted = {false};
        byAddress.compute(address, (k, n) -> {
            int held = n == null ? 0 : n;
            if (held >= limits.perAddress()) {
                return n;
            }
            admitted[0] = true;
            return held + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Optional.of("max_connections_per_ip " + limits.perAddress() + " reached for this address");
        }
        ch.closeFuture().addListener(f -> {
            byAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
            open.decrementAndGet();
        });
        return Optional.empty();
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] prefix = Arrays.copyOf(v6.getAddress(), 8);
            return "v6:" + java.util.HexFormat.of().formatHex(prefix) + "/64";
        }
        return address.getHostAddress();
    }
}
