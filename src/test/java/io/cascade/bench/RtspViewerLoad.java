package io.cascade.bench;

import io.cascade.rtsp.RtspDecoder;
import io.cascade.rtsp.RtspEncoder;
import io.cascade.rtsp.RtspLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * RTSP load client for {@code bench/rtsp-viewers.sh} (RTP interleaved over TCP; the same
 * measurements and output as {@link RtmpViewerLoad}): opens N viewers of one RTSP URL, waits
 * until they play, then holds them and prints, each second, the viewers connected, those that
 * received data in that second, the total Mbit/s, the drops and the worst lag; and, if given
 * the server's process ids, its CPU (% of one core) and RSS over the hold. Ends with one
 * {@code RESULT} line for the script.
 *
 * <pre>
 * java -cp cascade.jar:test-classes io.cascade.bench.RtspViewerLoad URL VIEWERS HOLD_SECONDS
 *      [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]
 * </pre>
 */
public final class RtspViewerLoad {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final URI url;
    private final int count;
    private final int holdSeconds;
    private final ProcessUsage server;
    private final String label;
    private final int rate;
    private final List<RtspBenchViewer> viewers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private RtspViewerLoad(URI url, int count, int holdSeconds, ProcessUsage server, String label, int rate) {
        this.url = url;
        this.count = count;
        this.holdSeconds = holdSeconds;
        this.server = server;
        this.label = label;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: RtspViewerLoad URL VIEWERS HOLD_SECONDS [--pids P1,P2] [--label NAME]"
                    + " [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]");
            System.exit(2);
        }
        List<Long> pids = option(args, "--pids", "").isEmpty() ? List.of()
                : Arrays.stream(option(args, "--pids", "").split(",")).map(Long::parseLong).toList();
        ProcessUsage usage = new ProcessUsage(pids, Long.parseLong(option(args, "--ticks", "100")));
        int threads = Integer.parseInt(option(args, "--threads", "1"));
        RtspViewerLoad load = new RtspViewerLoad(URI.create(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), usage, option(args, "--label", "rtsp"),
                Integer.parseInt(option(args, "--rate", "250")));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
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
        connectAll(group);
        long startDeadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (countIn(RtspBenchViewer.State.CONNECTING) > 0 && System.currentTimeMillis() < startDeadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2000); // let the GOP bursts of the joins settle before measuring
        hold();
        viewers.forEach(RtspBenchViewer::markClosing);
        channels.forEach(Channel::close);
        channels.forEach(c -> c.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
    }

    private void connectAll(EventLoopGroup group) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        RtspEncoder encoder = new RtspEncoder();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            RtspBenchViewer viewer = new RtspBenchViewer(url.toString());
            viewers.add(viewer);
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new RtspDecoder(RtspLimits.DEFAULT), encoder, viewer);
                }
            }).connect(url.getHost(), port());
            channels.add(f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    viewer.failure = done.cause().toString();
                    viewer.state = RtspBenchViewer.State.FAILED;
                }
            });
            long due = started + (i + 1) * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private int port() {
        return url.getPort() > 0 ? url.getPort() : 554;
    }

    private void hold() throws InterruptedException {
        long[] lastBytes = new long[count];
        long totalBefore = snapshot(lastBytes);
        int dropsBefore = countIn(RtspBenchViewer.State.DROPPED);
        double cpuStart = server.isEmpty() ? 0 : server.cpuSeconds();
        double cpuLast = cpuStart;
        long start = System.nanoTime();
        long last = start;
        int minReceiving = Integer.MAX_VALUE;
        long maxLag = 0;
        double maxRss = 0;
        for (int second = 1; second <= holdSeconds; second++) {
            long due = start + second * 1_000_000_000L;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            long now = System.nanoTime();
            long total = 0;
            int receiving = 0;
            long lag = 0;
            for (int i = 0; i < count; i++) {
                RtspBenchViewer v = viewers.get(i);
                long b = v.bytes;
                if (b > lastBytes[i] && v.state == RtspBenchViewer.State.PLAYING) {
                    receiving++;
                }
                total += b - lastBytes[i];
                lastBytes[i] = b;
                if (v.state == RtspBenchViewer.State.PLAYING) {
                    lag = Math.max(lag, v.lagMillis);
                }
            }
            minReceiving = Math.min(minReceiving, receiving);
            maxLag = Math.max(maxLag, lag);
            double mbps = total * 8 / ((now - last) / 1e9) / 1e6;
            String cpu = "";
            if (!server.isEmpty()) {
                double c = server.cpuSeconds();
                maxRss = Math.max(maxRss, server.rssMiB());
                cpu = String.format(Locale.ROOT, " cpu=%.0f%% rss=%.0fMiB", (c - cpuLast) * 100 / ((now - last) / 1e9), maxRss);
                cpuLast = c;
            }
            last = now;
            System.out.printf(Locale.ROOT, "[%s n=%d] t=%ds connected=%d receiving=%d %.1f Mbit/s drops=%d lag=%dms%s%n",
                    label, count, second, countIn(RtspBenchViewer.State.PLAYING), receiving, mbps,
                    countIn(RtspBenchViewer.State.DROPPED), lag, cpu);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long totalBytes = snapshot(new long[count]) - totalBefore;
        double mbps = totalBytes * 8 / seconds / 1e6;
        double cpuPercent = server.isEmpty() ? -1 : (server.cpuSeconds() - cpuStart) * 100 / seconds;
        int drops = countIn(RtspBenchViewer.State.DROPPED);
        int failed = countIn(RtspBenchViewer.State.FAILED);
        reportFailures();
        System.out.printf(Locale.ROOT, "RESULT label=%s viewers=%d playing=%d min_receiving=%d drops_hold=%d drops_total=%d"
                        + " failed=%d mbps=%.1f per_viewer_mbps=%.2f max_lag_ms=%d cpu_pct=%.1f rss_mib=%.0f%n",
                label, count, countIn(RtspBenchViewer.State.PLAYING), minReceiving, drops - dropsBefore, drops, failed,
                mbps, mbps / Math.max(1, count), maxLag, cpuPercent, maxRss);
    }

    private long snapshot(long[] into) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            into[i] = viewers.get(i).bytes;
            total += into[i];
        }
        return total;
    }

    private int countIn(RtspBenchViewer.State state) {
        int n = 0;
        for (RtspBenchViewer v : viewers) {
            if (v.state == state) {
                n++;
            }
        }
        return n;
    }

    private void reportFailures() {
        var reasons = new java.util.TreeMap<String, Integer>();
        for (RtspBenchViewer v : viewers) {
            if (v.failure != null) {
                reasons.merge(v.state + ": " + v.failure, 1, Integer::sum);
            }
        }
        reasons.forEach((why, n) -> System.out.printf("[%s n=%d] %d viewers %s%n", label, count, n, why));
    }
}
