package io.cascade.rtspstream;

import io.cascade.rtsp.RtspLimits;
import io.cascade.rtsp.RtspServer;
import io.cascade.stream.StreamRegistry;
import io.netty.channel.ChannelHandler;

import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** RTSP for a server: when a port is configured, the RTSP listener playing every stream. */
public final class RtspService implements AutoCloseable {
    private static final long KEEPALIVE_SECONDS = 1;

    private final RtspLimits limits;
    private final PlayAdmission admission;
    private RtspServer server;
    private ScheduledExecutorService keepAlive;

    /** @param admission lets viewers in or refuses them (see {@link PlayAdmission}) */
    public RtspService(RtspLimits limits, PlayAdmission admission) {
        this.limits = limits;
        this.admission = admission;
    }

    /**
     * Starts the listener on {@code port}; does nothing when it is null.
     *
     * @param connectionGate the shared handler put first in every connection's pipeline; null for none
     */
    public synchronized void start(StreamRegistry registry, Integer port, ChannelHandler connectionGate)
            throws InterruptedException {
        if (port == null || server != null) {
            return;
        }
        RtspStreams streams = new RtspStreams(registry, admission, limits.viewerMaxLag());
        server = new RtspServer(port, streams, limits, connectionGate).start();
        keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("rtsp-keepalive").factory());
        keepAlive.scheduleWithFixedDelay(streams::keepAlive, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** The RTSP port listened on, empty when RTSP is off. */
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
