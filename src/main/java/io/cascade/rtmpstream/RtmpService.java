package io.cascade.rtmpstream;

import io.cascade.input.Input;
import io.cascade.input.InputFactory;
import io.cascade.input.MediaSink;
import io.cascade.rtmp.RtmpLimits;
import io.cascade.rtmp.RtmpServer;
import io.cascade.stream.StreamRegistry;
import io.netty.channel.ChannelHandler;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * RTMP for a server: the {@code publish://} and {@code rtmp://} input schemes (registered before
 * the streams are made) and, when a port is configured, the RTMP listener for publishers and
 * players of every stream.
 */
public final class RtmpService implements AutoCloseable {
    /** How often on-demand streams hear that RTMP viewers still watch; well inside any idle timeout. */
    private static final long KEEPALIVE_SECONDS = 1;

    private final PublishPoints points = new PublishPoints();
    private final RtmpLimits limits;
    private RtmpServer server;
    private ScheduledExecutorService keepAlive;

    /**
     * Registers the input schemes {@code publish} and {@code rtmp} with {@code inputs}.
     *
     * @param limits the bounds of every RTMP connection, the listener's and the pulls'
     */
    public RtmpService(InputFactory inputs, RtmpLimits limits) {
        this.limits = limits;
        inputs.register("publish", points::input);
        inputs.register("rtmp", this::pullInput);
    }

    private Input pullInput(String stream, String url) {
        try {
            return new RtmpPullInput(url, limits);
        } catch (IllegalArgumentException e) {
            return new BrokenInput(url, e.getMessage());
        }
    }

    /** An input whose URL cannot work: it fails at once with the reason, and the supervisor moves on. */
    private record BrokenInput(String url, String reason) implements Input {
        @Override
        public void run(MediaSink sink) throws IOException {
            throw new IOException(reason);
        }
    }

    /**
     * Starts the RTMP listener on {@code port}; does nothing when it is null.
     *
     * @param connectionGate the shared handler put first in every accepted connection's pipeline,
     *                       which may refuse it (see {@link RtmpServer}); null for none
     */
    public synchronized void start(StreamRegistry registry, Integer port, ChannelHandler connectionGate)
            throws InterruptedException {
        start(registry, port, connectionGate, null);
    }

    /** As {@link #start(StreamRegistry, Integer, ChannelHandler)}, with players admitted by {@code playGate}. */
    public synchronized void start(StreamRegistry registry, Integer port, ChannelHandler connectionGate,
                                   io.cascade.auth.PlayGate playGate) throws InterruptedException {
        if (port == null || server != null) {
            return;
        }
        RtmpStreams hooks = new RtmpStreams(registry, points, playGate);
        server = new RtmpServer(port, hooks, limits, connectionGate).start();
        keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("rtmp-keepalive").factory());
        keepAlive.scheduleWithFixedDelay(hooks::keepAlive, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** The RTMP port listened on, empty when RTMP is off. */
    public synchronized OptionalInt port() {
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.port());
    }

    @Override
    public synchronized void close() {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
            keepAlive = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
