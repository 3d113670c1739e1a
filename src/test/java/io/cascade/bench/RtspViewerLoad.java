package io.cascade.bench;

import io.cascade.rtsp.RtspDecoder;
import io.cascade.rtsp.RtspEncoder;
import io.cascade.rtsp.RtspLimits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

import java.net.URI;

/**
 * RTSP load client for {@code bench/rtsp-viewers.sh} (RTP interleaved over TCP): N viewers of
 * one RTSP URL held and measured by {@link ViewerLoad}, as {@link RtmpViewerLoad}'s are.
 *
 * <pre>
 * java -cp cascade.jar:test-classes io.cascade.bench.RtspViewerLoad URL VIEWERS HOLD_SECONDS
 *      [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]
 * </pre>
 */
public final class RtspViewerLoad {
    private static final int DEFAULT_PORT = 554;

    private RtspViewerLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadArguments load = LoadArguments.parse("RtspViewerLoad", "rtsp", args);
        URI url = load.url();
        int port = load.port(DEFAULT_PORT);
        RtspEncoder encoder = new RtspEncoder();
        ViewerLoad.run(load, new ViewerLoad.Measures("lag", 1), bootstrap -> {
            RtspBenchViewer viewer = new RtspBenchViewer(url.toString());
            return new ViewerLoad.Opened(viewer, bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new RtspDecoder(RtspLimits.DEFAULT), encoder, viewer);
                }
            }).connect(url.getHost(), port));
        });
    }
}
