package io.cascade;

import io.cascade.api.SessionApi;
import io.cascade.api.StreamApi;
import io.cascade.auth.PlayAuthorization;
import io.cascade.auth.PlayGate;
import io.cascade.cluster.ArchiveCatalog;
import io.cascade.cluster.ArchiveUnavailableException;
import io.cascade.cluster.ClusterAuth;
import io.cascade.cluster.ClusterHooks;
import io.cascade.cluster.ClusterSessions;
import io.cascade.cluster.ClusterStreams;
import io.cascade.cluster.M4fRoute;
import io.cascade.cluster.ReportedSessions;
import io.cascade.cluster.SessionKey;
import io.cascade.cluster.StreamListFeed;
import io.cascade.config.ListenerLimits;
import io.cascade.config.ServerConfig;
import io.cascade.config.StreamConfig;
import io.cascade.dash.DashRoute;
import io.cascade.dash.TimeRoute;
import io.cascade.dvr.DvrService;
import io.cascade.dvrcluster.LocalArchiveIndex;
import io.cascade.dvrcluster.ReplicaStore;
import io.cascade.dvrcluster.SourceArchives;
import io.cascade.dvrhttp.ArchiveRoute;
import io.cascade.dvrhttp.Archives;
import io.cascade.dvrhttp.DvrApiRoute;
import io.cascade.hls.HlsRoute;
import io.cascade.hlspull.HlsScheme;
import io.cascade.http.HttpLimits;
import io.cascade.http.HttpServer;
import io.cascade.input.InputFactory;
import io.cascade.metrics.ClusterMeters;
import io.cascade.metrics.HealthRoute;
import io.cascade.metrics.MetricsRoute;
import io.cascade.metrics.StreamMeters;
import io.cascade.net.ConnectionGate;
import io.cascade.rtmp.RtmpLimits;
import io.cascade.rtmpstream.RtmpService;
import io.cascade.rtsp.RtspLimits;
import io.cascade.rtspinput.RtspPullScheme;
import io.cascade.rtspstream.GatedAdmission;
import io.cascade.rtspstream.RtspService;
import io.cascade.session.SessionRegistry;
import io.cascade.sessioncluster.LocalSessions;
import io.cascade.sessioncluster.ReportedSessionSink;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import io.cascade.tsinput.TsInputSchemes;
import io.cascade.tsout.MpegTsRoute;
import io.cascade.tsout.UdpPushes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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
    private final ClusterSessions clusterSessions;
    private final ArchiveCatalog clusterArchives;
    private final Archives archives;
    private final RtmpService rtmp;
    private final DvrService dvr;
    private final RtspService rtsp;
    private final UdpPushes pushes;
    /** One gate for every listener, so the connection limits count the server's sockets in all. */
    private final ConnectionGate gate;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Viewer sessions and the play gate every protocol admits viewers through. */
    private final PlayAuthorization authorization;
    private volatile boolean ready;

    public CascadeServer(ServerConfig config, Path baseDir) throws InterruptedException {
        this(config, baseDir, ONDEMAND_IDLE_MILLIS);
    }

    public CascadeServer(ServerConfig config, Path baseDir, long ondemandIdleMillis) throws InterruptedException {
        this(config, baseDir, ondemandIdleMillis, Optional.empty());
    }

    /**
     * A server whose cluster side uses {@code hooks} instead of its own DVR and sessions (tests
     * and benchmarks that stand in for them).
     */
    public CascadeServer(ServerConfig config, Path baseDir, long ondemandIdleMillis, ClusterHooks hooks)
            throws InterruptedException {
        this(config, baseDir, ondemandIdleMillis, Optional.of(hooks));
    }

    private CascadeServer(ServerConfig config, Path baseDir, long ondemandIdleMillis, Optional<ClusterHooks> given)
            throws InterruptedException {
        this.config = config;
        // The server's one meter registry; a later Prometheus endpoint scrapes it.
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.registry = new StreamRegistry(ondemandIdleMillis, meters);
        this.authorization = new PlayAuthorization(serverName(config.httpPort()),
                name -> registry.find(name).map(LiveStream::config), meters);
        PlayGate playGate = authorization.gate();
        this.gate = new ConnectionGate(new ConnectionGate.Limits(config.limits().maxConnections(),
                config.limits().maxConnectionsPerIp()));
        InputFactory inputs = new InputFactory(baseDir);
        this.rtmp = new RtmpService(inputs, rtmpLimits(config.limits()));
        this.rtsp = new RtspService(RtspLimits.DEFAULT, new GatedAdmission(playGate));
        inputs.register(RtspPullScheme.SCHEME, new RtspPullScheme());
        // Every input scheme is registered before the first stream makes its inputs.
        TsInputSchemes.register(inputs);
        HlsScheme.register(inputs);
        this.dvr = new DvrService(baseDir, meters);
        AtomicReference<ReportedSessions> reportedRef = new AtomicReference<>();
        ClusterHooks hooks = given.orElseGet(() -> realHooks(dvr, playGate.sessions(),
                key -> reportedRef.get().cut(key)));
        // a stream from a source block with a dvr is recorded like a stream block's
        this.cluster = new ClusterStreams(config, registry, inputs, name -> playbackUrls("127.0.0.1", name),
                hooks.replicas(), dvr::attach);
        ClusterMeters.register(cluster.peers(), meters);
        ReportedSessions reported = new ReportedSessions(hooks.sessionSink());
        reportedRef.set(reported);
        this.clusterArchives = hooks.archives().or(cluster.archives());
        this.archives = new SourceArchives(dvr, cluster.archives());
        for (StreamConfig sc : config.streams()) {
            LiveStream stream = new LiveStream(sc, config.segmentDuration(), config.segmentsInMemory(),
                    config.maxBitrate(), inputs);
            dvr.attach(stream); // before it starts: its numbers continue above the archive's
            registry.add(stream);
        }
        this.listFeed = new StreamListFeed(registry);
        Optional<ClusterAuth> auth = Optional.ofNullable(config.clusterKey()).map(ClusterAuth::new);
        try {
            rtmp.start(registry, config.rtmpPort(), gate, playGate);
            rtsp.start(registry, config.rtspPort(), gate);
            this.http = new HttpServer("0.0.0.0", config.httpPort(), List.of(
                    new M4fRoute(registry, auth, listFeed, clusterArchives, Optional.of(reported)),
                    new SessionApi(playGate),
                    new DvrApiRoute(archives(), dvr, playGate),
                    new StreamApi(registry, playGate.sessions(), dvr::info),
                    new MetricsRoute(meters, new StreamMeters(registry, playGate.sessions(), meters)),
                    new HealthRoute(() -> ready),
                    new ArchiveRoute(registry, archives(), playGate),
                    new MpegTsRoute(registry, playGate),
                    new HlsRoute(registry, playGate),
                    new DashRoute(registry, playGate),
                    new TimeRoute()), httpLimits(config.limits()), Optional.of(gate));
        } catch (InterruptedException | RuntimeException e) {
            rtmp.close();
            rtsp.close();
            listFeed.close();
            registry.close();
            dvr.close();
            authorization.close();
            throw e;
        }
        log.info("HTTP listening on port {}", http.port());
        String self = hooks.serverName().orElseGet(() -> serverName(http.port()));
        playGate.sessions().nameServer(self);
        // Only a server that takes no stream from a source sees every session: it enforces the cluster's limits.
        this.clusterSessions = new ClusterSessions(self, hooks.sessions(), reported, config.sources().isEmpty(),
                cluster::upstreamOf);
        this.pushes = new UdpPushes(registry);
        registry.all().forEach(pushes::start);
        cluster.start();
        clusterSessions.start();
        ready = true;
    }

    /**
     * The cluster side wired to this server's own pieces: its recordings served to peers and
     * filled by {@code replicate}, its viewer sessions reported upstream and cut on the cluster's
     * word, and the sessions the tier below reports listed with its own.
     */
    private static ClusterHooks realHooks(DvrService dvr, SessionRegistry sessions, Consumer<SessionKey> cutDown) {
        return new ClusterHooks(name -> dvr.archive(name).map(LocalArchiveIndex::new),
                name -> dvr.archive(name).map(ReplicaStore::new),
                new LocalSessions(sessions), new ReportedSessionSink(sessions, cutDown), Optional.empty());
    }

    /** How this server marks its viewers' sessions: its host name and HTTP port. */
    private static String serverName(int port) {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "localhost" : host) + ":" + port;
    }

    /** The viewer sessions and the play gate (see {@link PlayGate}) protocols admit viewers through. */
    public PlayGate playGate() {
        return authorization.gate();
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
    public OptionalInt rtmpPort() {
        return rtmp.port();
    }

    /**
     * Every archive this server can serve: its own recordings, else its sources' through the
     * cluster (an {@link ArchiveUnavailableException} from one means 503).
     */
    public ArchiveCatalog clusterArchives() {
        return clusterArchives;
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
        List<String> urls = new ArrayList<>(List.of(base + "/index.m3u8", base + "/index.fmp4.m3u8",
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
        clusterSessions.close();
        pushes.close();
        cluster.close();
        rtmp.close();
        rtsp.close();
        listFeed.close();
        http.close();
        registry.close();
        dvr.close();
        authorization.close();
    }

    /**
     * The archives archive URLs are served from, by stream name: the local DVR's, else the
     * source's through the cluster; also what a continuous HTTP MPEG-TS timeshift reads through
     * ({@code Archive.segmentsFrom}, {@code read}: off the event loop, as a source's archive
     * fetches over the network).
     */
    public Archives archives() {
        return archives;
    }

    /** The recorded streams' archives. */
    public DvrService dvr() {
        return dvr;
    }
}
