package io.cascade.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What every viewer load client does, whatever its protocol: opens N viewers at a steady rate,
 * waits until they play, then holds them and prints, each second, the viewers playing, those that
 * received bytes lately, the total Mbit/s, the drops and the worst lag; and, if given the
 * server's process ids, its CPU (% of one core) and RSS over the hold. Ends with one
 * {@code RESULT} line, the same for every protocol, for the bench scripts.
 */
final class ViewerLoad {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long SECOND = 1_000_000_000L;

    /** Opens one viewer: its handler on {@code bootstrap} (group and options set), connected. */
    interface Connector {
        Opened open(Bootstrap bootstrap);
    }

    record Opened(LoadViewer viewer, ChannelFuture connection) {
    }

    /**
     * How a protocol's viewers are judged.
     *
     * @param lagName          the per-second line's name for {@link LoadViewer#lagMillis}
     * @param receivingSeconds a viewer that got bytes within this many seconds counts as receiving
     *                         (one: in the last second; more where the server sends a segment at a time)
     */
    record Measures(String lagName, int receivingSeconds) {
    }

    private final LoadArguments args;
    private final Measures measures;
    private final List<LoadViewer> viewers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private ViewerLoad(LoadArguments args, Measures measures) {
        this.args = args;
        this.measures = measures;
    }

    /** Runs the whole load on an event loop group of its own: connect, hold, report, close. */
    static void run(LoadArguments args, Measures measures, Connector connector) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(args.threads(), NioIoHandler.newFactory());
        try {
            new ViewerLoad(args, measures).run(group, connector);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void run(EventLoopGroup group, Connector connector) throws InterruptedException {
        connectAll(group, connector);
        long startDeadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (countIn(LoadViewer.State.CONNECTING) > 0 && System.currentTimeMillis() < startDeadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2000); // let the bursts of the joins (a GOP, a segment) settle before measuring
        hold();
        viewers.forEach(LoadViewer::markClosing);
        channels.forEach(Channel::close);
        channels.forEach(c -> c.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS));
    }

    private void connectAll(EventLoopGroup group, Connector connector) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        long started = System.nanoTime();
        for (int i = 0; i < args.viewers(); i++) {
            Opened opened = connector.open(bootstrap.clone());
            viewers.add(opened.viewer());
            channels.add(opened.connection().channel());
            opened.connection().addListener(done -> {
                if (!done.isSuccess()) {
                    opened.viewer().connectFailed(done.cause().toString());
                }
            });
            long wait = started + (i + 1) * SECOND / args.rate() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private void hold() throws InterruptedException {
        int count = args.viewers();
        ProcessUsage server = args.server();
        long receivingNanos = measures.receivingSeconds() * SECOND;
        long totalBefore = snapshot(new long[count]);
        long lastTotal = totalBefore;
        int dropsBefore = countIn(LoadViewer.State.DROPPED);
        double cpuStart = server.isEmpty() ? 0 : server.cpuSeconds();
        double cpuLast = cpuStart;
        long start = System.nanoTime();
        long last = start;
        int minReceiving = Integer.MAX_VALUE;
        long maxLag = 0;
        double maxRss = 0;
        for (int second = 1; second <= args.holdSeconds(); second++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + second * SECOND - System.nanoTime()));
            long now = System.nanoTime();
            int receiving = 0;
            long lag = 0;
            long total = 0;
            for (int i = 0; i < count; i++) {
                LoadViewer v = viewers.get(i);
                long b = v.bytes();
                total += b;
                if (v.state() == LoadViewer.State.PLAYING) {
                    if (now - v.lastByteNanos() < receivingNanos) {
                        receiving++;
                    }
                    lag = Math.max(lag, v.lagMillis(now));
                }
            }
            minReceiving = Math.min(minReceiving, receiving);
            maxLag = Math.max(maxLag, lag);
            double mbps = (total - lastTotal) * 8 / ((now - last) / 1e9) / 1e6;
            String cpu = "";
            if (!server.isEmpty()) {
                double c = server.cpuSeconds();
                maxRss = Math.max(maxRss, server.rssMiB());
                cpu = String.format(Locale.ROOT, " cpu=%.0f%% rss=%.0fMiB", (c - cpuLast) * 100 / ((now - last) / 1e9), maxRss);
                cpuLast = c;
            }
            last = now;
            lastTotal = total;
            System.out.printf(Locale.ROOT, "[%s n=%d] t=%ds connected=%d receiving=%d %.1f Mbit/s drops=%d %s=%dms%s%n",
                    args.label(), count, second, countIn(LoadViewer.State.PLAYING), receiving, mbps,
                    countIn(LoadViewer.State.DROPPED), measures.lagName(), lag, cpu);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mbps = (snapshot(new long[count]) - totalBefore) * 8 / seconds / 1e6;
        double cpuPercent = server.isEmpty() ? -1 : (server.cpuSeconds() - cpuStart) * 100 / seconds;
        int drops = countIn(LoadViewer.State.DROPPED);
        reportFailures();
        System.out.printf(Locale.ROOT, "RESULT label=%s viewers=%d playing=%d min_receiving=%d drops_hold=%d drops_total=%d"
                        + " failed=%d mbps=%.1f per_viewer_mbps=%.2f max_lag_ms=%d cpu_pct=%.1f rss_mib=%.0f%n",
                args.label(), count, countIn(LoadViewer.State.PLAYING), minReceiving, drops - dropsBefore, drops,
                countIn(LoadViewer.State.FAILED), mbps, mbps / Math.max(1, count), maxLag, cpuPercent, maxRss);
    }

    private long snapshot(long[] into) {
        long total = 0;
        for (int i = 0; i < into.length; i++) {
            into[i] = viewers.get(i).bytes();
            total += into[i];
        }
        return total;
    }

    private int countIn(LoadViewer.State state) {
        int n = 0;
        for (LoadViewer v : viewers) {
            if (v.state() == state) {
                n++;
            }
        }
        return n;
    }

    private void reportFailures() {
        var reasons = new TreeMap<String, Integer>();
        for (LoadViewer v : viewers) {
            if (v.failure() != null) {
                reasons.merge(v.state() + ": " + v.failure(), 1, Integer::sum);
            }
        }
        reasons.forEach((why, n) -> System.out.printf("[%s n=%d] %d viewers %s%n", args.label(), args.viewers(), n, why));
    }
}
