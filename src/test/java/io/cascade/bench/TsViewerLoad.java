package io.cascade.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * HTTP MPEG-TS load client for {@code bench/mpegts-viewers.sh}: opens N viewers of one
 * {@code /NAME/mpegts} URL (a bare GET on a socket of its own, the response counted and dropped
 * unparsed), holds them and prints, each second, the viewers connected, those that got bytes in
 * the last 3 s (the stream comes a segment at a time), the Mbit/s, the drops and the longest
 * silence of any viewer; with the server's process ids, its CPU (% of one core) and RSS. Ends
 * with one {@code RESULT} line in the format of {@link RtmpViewerLoad}'s.
 *
 * <pre>
 * java -cp cascade.jar:test-classes io.cascade.bench.TsViewerLoad URL VIEWERS HOLD_SECONDS
 *      [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND] [--ticks CLK_TCK]
 * </pre>
 */
public final class TsViewerLoad {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long RECEIVING_NANOS = 3_000_000_000L;

    /** One viewer: bytes so far, when the last came, whether the server closed it. */
    private static final class Viewer extends ChannelInboundHandlerAdapter {
        private final String request;
        volatile long bytes;
        volatile long lastNanos;
        volatile boolean started;
        volatile boolean dropped;
        volatile boolean closing;
        volatile String failure;

        Viewer(String request) {
            this.request = request;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            bytes += b.readableBytes();
            lastNanos = System.nanoTime();
            started = true;
            b.release();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!closing) {
                dropped = true;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = cause.toString();
            ctx.close();
        }
    }

    private final URI url;
    private final int count;
    private final int holdSeconds;
    private final ProcessUsage server;
    private final String label;
    private final int rate;
    private final List<Viewer> viewers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private TsViewerLoad(URI url, int count, int holdSeconds, ProcessUsage server, String label, int rate) {
        this.url = url;
        this.count = count;
        this.holdSeconds = holdSeconds;
        this.server = server;
        this.label = label;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TsViewerLoad URL VIEWERS HOLD_SECONDS [--pids P1,P2] [--label NAME]"
                    + " [--rate CONNECTS_PER_SECOND] [--ticks CLK_TCK]");
            System.exit(2);
        }
        List<Long> pids = option(args, "--pids", "").isEmpty() ? List.of()
                : Arrays.stream(option(args, "--pids", "").split(",")).map(Long::parseLong).toList();
        TsViewerLoad load = new TsViewerLoad(URI.create(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                new ProcessUsage(pids, Long.parseLong(option(args, "--ticks", "100"))), option(args, "--label", "tshttp"),
                Integer.parseInt(option(args, "--rate", "250")));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            load.run(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 3; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private void run(EventLoopGroup group) throws InterruptedException {
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String request = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port + "\r\n\r\n";
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Viewer viewer = new Viewer(request);
            viewers.add(viewer);
            ChannelFuture f = bootstrap.clone().handler(viewer).connect(url.getHost(), port);
            channels.add(f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    viewer.failure = done.cause().toString();
                }
            });
            long wait = started + (i + 1) * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (viewers.stream().anyMatch(v -> !v.started && !v.dropped && v.failure == null)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2000); // let the first segments of the joins settle before measuring
        hold();
        viewers.forEach(v -> v.closing = true);
        channels.forEach(Channel::close);
        channels.forEach(c -> c.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
    }

    private void hold() throws InterruptedException {
        long totalBefore = total();
        long dropsBefore = drops();
        double cpuStart = server.isEmpty() ? 0 : server.cpuSeconds();
        double cpuLast = cpuStart;
        long start = System.nanoTime();
        long last = start;
        long lastTotal = totalBefore;
        int minReceiving = Integer.MAX_VALUE;
        long maxSilence = 0;
        double maxRss = 0;
        for (int second = 1; second <= holdSeconds; second++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + second * 1_000_000_000L - System.nanoTime()));
            long now = System.nanoTime();
            int receiving = 0;
            long silence = 0;
            for (Viewer v : viewers) {
                if (!v.dropped && v.started) {
                    silence = Math.max(silence, (now - v.lastNanos) / 1_000_000);
                    if (now - v.lastNanos < RECEIVING_NANOS) {
                        receiving++;
                    }
                }
            }
            minReceiving = Math.min(minReceiving, receiving);
            maxSilence = Math.max(maxSilence, silence);
            long t = total();
            double mbps = (t - lastTotal) * 8 / ((now - last) / 1e9) / 1e6;
            String cpu = "";
            if (!server.isEmpty()) {
                double c = server.cpuSeconds();
                maxRss = Math.max(maxRss, server.rssMiB());
                cpu = String.format(Locale.ROOT, " cpu=%.0f%% rss=%.0fMiB", (c - cpuLast) * 100 / ((now - last) / 1e9), maxRss);
                cpuLast = c;
            }
            last = now;
            lastTotal = t;
            System.out.printf(Locale.ROOT, "[%s n=%d] t=%ds connected=%d receiving=%d %.1f Mbit/s drops=%d silence=%dms%s%n",
                    label, count, second, connected(), receiving, mbps, drops(), silence, cpu);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbps = (total() - totalBefore) * 8 / seconds / 1e6;
        double cpuPercent = server.isEmpty() ? -1 : (server.cpuSeconds() - cpuStart) * 100 / seconds;
        long failed = viewers.stream().filter(v -> v.failure != null).count();
        viewers.stream().filter(v -> v.failure != null).map(v -> v.failure).distinct().limit(5)
                .forEach(f -> System.out.printf("[%s n=%d] failure: %s%n", label, count, f));
        System.out.printf(Locale.ROOT, "RESULT label=%s viewers=%d playing=%d min_receiving=%d drops_hold=%d drops_total=%d"
                        + " failed=%d mbps=%.1f per_viewer_mbps=%.2f max_lag_ms=%d cpu_pct=%.1f rss_mib=%.0f%n",
                label, count, connected(), minReceiving, drops() - dropsBefore, drops(), failed, mbps,
                mbps / Math.max(1, count), maxSilence, cpuPercent, maxRss);
    }

    private long total() {
        long t = 0;
        for (Viewer v : viewers) {
            t += v.bytes;
        }
        return t;
    }

    private long drops() {
        return viewers.stream().filter(v -> v.dropped).count();
    }

    private long connected() {
        return viewers.stream().filter(v -> v.started && !v.dropped).count();
    }
}
