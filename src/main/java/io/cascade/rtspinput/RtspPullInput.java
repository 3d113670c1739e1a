package io.cascade.rtspinput;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.net.RateLimitedLog;
import io.cascade.rtmpstream.MediaQueue;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code input rtsp://[user:pass@]host[:port]/path [transport=udp]}: plays a camera's or
 * server's stream for as long as it sends. RTP comes interleaved in the RTSP connection unless
 * {@code transport=udp}. The end of the session, for any reason, is a failure of the input with
 * the reason, so the supervisor reconnects with its backoff or fails over to the next input.
 */
public final class RtspPullInput implements Input {
    /** Warnings about packets a server sends wrong, at most one per pull and 10 s. */
    static final RateLimitedLog GARBAGE = new RateLimitedLog(LoggerFactory.getLogger(RtspPullInput.class), 10_000);

    private final String url;
    private final RtspPullUrl target;
    private final boolean udp;

    /** @throws IllegalArgumentException when {@code url} is no rtsp:// URL or an option is unknown */
    public RtspPullInput(String url, Map<String, String> options) {
        this.target = RtspPullUrl.parse(url);
        this.url = target.credentials().isPresent()
                ? "rtsp://" + target.credentials().get().user() + ":***@" + target.requestUri().substring(7) : url;
        String transport = options.getOrDefault("transport", "tcp").toLowerCase(Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw new IllegalArgumentException("transport must be tcp or udp, not " + transport);
        }
        this.udp = transport.equals("udp");
    }

    /** A camera that stops sending is timed out and, while a lower input plays, re-checked. */
    @Override
    public boolean pulled() {
        return true;
    }

    /** The URL as configured, its password masked: it is shown in logs and the API. */
    @Override
    public String url() {
        return url;
    }

    @Override
    public void run(MediaSink sink) throws IOException, InterruptedException {
        MediaQueue queue = new MediaQueue("RTSP pull " + target);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        String reason;
        try (RtspPlayer player = new RtspPlayer(target, udp, group, queue)) {
            player.start();
            queue.deliverTo(sink);
            reason = player.failure();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        throw new IOException(reason);
    }

    @Override
    public String toString() {
        return "RtspPullInput[" + target + (udp ? " udp" : "") + "]";
    }
}
