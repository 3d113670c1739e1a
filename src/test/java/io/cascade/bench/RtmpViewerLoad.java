package io.cascade.bench;

import io.cascade.rtmp.ClientHandshakeHandler;
import io.cascade.rtmp.RtmpChunkEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

import java.net.URI;

/**
 * RTMP load client for {@code bench/rtmp-viewers.sh}: N viewers of one RTMP URL held and
 * measured by {@link ViewerLoad}; lag is how much later than its timestamps the newest video
 * arrived, relative to the viewer's best moment.
 *
 * <pre>
 * java -cp cascade.jar:test-classes io.cascade.bench.RtmpViewerLoad URL VIEWERS HOLD_SECONDS
 *      [--pids P1,P2] [--label NAME] [--rate CONNECTS_PER_SECOND] [--threads N] [--ticks CLK_TCK]
 * </pre>
 */
public final class RtmpViewerLoad {
    private static final int DEFAULT_PORT = 1935;

    private RtmpViewerLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadArguments load = LoadArguments.parse("RtmpViewerLoad", "rtmp", args);
        URI url = load.url();
        int port = load.port(DEFAULT_PORT);
        String path = url.getPath().substring(1);
        int slash = path.lastIndexOf('/');
        String app = path.substring(0, slash);
        String name = path.substring(slash + 1);
        String tcUrl = url.getScheme() + "://" + url.getHost() + ":" + port + "/" + app;
        ViewerLoad.run(load, new ViewerLoad.Measures("lag", 1), bootstrap -> {
            ViewerConnection viewer = new ViewerConnection(app, tcUrl, name);
            return new ViewerLoad.Opened(viewer, bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new RtmpChunkEncoder(), new ClientHandshakeHandler(), viewer);
                }
            }).connect(url.getHost(), port));
        });
    }
}
