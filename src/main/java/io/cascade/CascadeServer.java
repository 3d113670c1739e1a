package io.cascade;

import io.cascade.api.StreamApi;
import io.cascade.cluster.ClusterAuth;
import io.cascade.cluster.ClusterStreams;
import io.cascade.cluster.M4fRoute;
import io.cascade.cluster.StreamListFeed;
import io.cascade.config.ListenerLimits;
import io.cascade.config.ServerConfig;
import io.cascade.config.StreamConfig;
import io.cascade.dash.DashRoute;
import io.cascade.dash.TimeRoute;
import io.cascade.hls.HlsRoute;
import io.cascade.http.HttpLimits;
import io.cascade.http.HttpServer;
import io.cascade.input.InputFactory;
import io.cascade.net.ConnectionGate;
import io.cascade.rtmp.RtmpLimits;
import io.cascade.rtmpstream.RtmpService;
import io.cascade.rtsp.RtspLimits;
import io.cascade.rtspstream.PlayAdmission;
import io.cascade.rtspstream.RtspService;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One running server: the streams of a config and the listeners that serve them. */
public final class CascadeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CascadeServer.class);
    /** An on-demand stream nobody fetched from for this long stops. */
    static final long ONDEMAND_IDLE_MILLIS = 30_000;

    private final ServerConfig config;
    private final StreamRegistry registry;
    private final HttpServer http;
    private final StreamListFeed listFeed;
    private final ClusterStreams cluster;
    private final RtmpService rtmp;
    private final RtspService rtsp = new RtspService(RtspLimits.DEFAULT, PlayAdmission.ALLOW_ALL);
    /** One gate for every listener, so the connection limits count the server's sockets in all. */
    private final ConnectionGate gate;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public CascadeServer(ServerConfig config, Path baseDir) throws InterruptedException {
        this(config, baseDir, ONDEMAND_IDLE_MILLIS);
    }

    public CascadeServer(ServerConfig config, Path baseDir, long ondemandIdleMillis) throws InterruptedException {
        this.config = config;
        // The server's one meter registry; a later Prometheus endpoint scrapes it.
        this.registry = new StreamRegistry(ondemandIdleMillis, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        this.gate = new ConnectionGate(new ConnectionGate.Limits(config.limits().maxConnections(),
                config.limits().maxConnectionsPerIp()));
        InputFactory inputs = new InputFactory(baseDir);
        this.rtmp = new RtmpService(inputs, rtmpLimits(config.limits()));
        inputs.register(io.cascade.rtspinput.RtspPullScheme.SCHEME, new io.cascade.rtspinput.RtspPullScheme());
        // Every input scheme is registered before the first stream makes its inputs.
        this.cluster = new ClusterStreams(config, registry, inputs, name -> playbackUrls("127.0.0.1", name));
        for (StreamConfig sc : config.streams()) {
            registry.add(new LiveStream(sc, config.segmentDuration(), config.segmentsInMemory(), config.maxBitrate(),
                    inputs));
        }
        this.listFeed = new StreamListFeed(registry);
        Optional<ClusterAuth> auth = Optional.ofNullable(config.clusterKey()).map(ClusterAuth::new);
        try {
            rtmp.start(registry, config.rtmpPort(), gate);
            rtsp.start(registry, config.rtspPort(), gate);
            this.http = new HttpServer("0.0.0.0", config.httpPort(), List.of(
                    new M4fRoute(registry, auth, listFeed),
                    new StreamApi(registry),
                    new HlsRoute(registry),
                    new DashRoute(registry),
                    new TimeRoute()), httpLimits(config.limits()), Optional.of(gate));
        } catch (InterruptedException | RuntimeException e) {
            rtmp.close();
            rtsp.close();
            listFeed.close();
            registry.close();
            throw e;
        }
        log.info("HTTP listening on port {}", http.port());
        cluster.start();
    }

    /** {@code rtmp_timeout} bounds the handshake, the way to publish or play, and a publisher's silences. */
    private static RtmpLimits rtmpLimits(ListenerLimits limits) {
        Duration t = limits.rtmpTimeout();
        return RtmpLimits.DEFAULT.withHandshakeTimeout(t).withIdleTimeouts(t, t);
    }

    private static HttpLimits httpLimits(ListenerLimits limits) {
        return new HttpLimits(limits.requestTimeout(), limits.keepAliveTimeout(), HttpLimits.DEFAULTS.send());
    }

    /** The connection limits every listener installs; see {@link ConnectionGate}. */
    public ConnectionGate connectionGate() {
        return gate;
    }

    public int httpPort() {
        return http.port();
    }

    /** The RTMP port listened on, empty when the config has no {@code rtmp} directive. */
    public java.util.OptionalInt rtmpPort() {
        return rtmp.port();
    }

    /** The RTSP port listened on, empty when the config has no {@code rtsp} directive. */
    public java.util.OptionalInt rtspPort() {
        return rtsp.port();
    }

    public StreamRegistry streams() {
        return registry;
    }

    /** The URLs a viewer can open, for the start-up log. */
    public List<String> playbackUrls(String host) {
        return registry.all().stream().map(LiveStream::name)
                .flatMap(n -> playbackUrls(host, n).stream())
                .toList();
    }

    /** The URLs that play stream {@code name} from {@code host}. */
    public List<String> playbackUrls(String host, String name) {
        String base = "http://" + host + ":" + http.port() + "/" + name;
        List<String> urls = new java.util.ArrayList<>(List.of(base + "/index.m3u8", base + "/index.fmp4.m3u8",
                base + "/index.mpd"));
        rtmp.port().ifPresent(p -> urls.add("rtmp://" + host + ":" + p + "/static/" + name));
        rtsp.port().ifPresent(p -> urls.add("rtsp://" + host + ":" + p + "/" + name));
        return urls;
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        cluster.close();
        rtmp.close();
        rtsp.close();
        listFeed.close();
        http.close();
        registry.close();
    }
}
