package io.cascade.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the top-level directives into a {@link ServerConfig}. */
final class ServerConfigReader {

    private final ConfigErrors errors;
    private final List<StreamConfig> streams = new ArrayList<>();
    private final Map<String, Position> streamNames = new HashMap<>();
    private final List<SourceConfig> sources = new ArrayList<>();
    private final Map<Integer, String> listeners = new HashMap<>();
    private int httpPort = ServerConfig.DEFAULT_HTTP_PORT;
    private Integer rtmpPort;
    private Integer rtspPort;
    private String clusterKey;
    private double segmentDuration = ServerConfig.DEFAULT_SEGMENT_DURATION;
    private int segmentsInMemory = ServerConfig.DEFAULT_SEGMENTS_IN_MEMORY;
    private int maxBitrateMbps = ServerConfig.DEFAULT_MAX_BITRATE_MBPS;
    private long dvrCacheBytes = ServerConfig.DEFAULT_DVR_CACHE_BYTES;
    private int maxConnections = ListenerLimits.DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerIp = ListenerLimits.DEFAULT_MAX_CONNECTIONS_PER_IP;
    private Duration requestTimeout = ListenerLimits.DEFAULT_REQUEST_TIMEOUT;
    private Duration keepAliveTimeout = ListenerLimits.DEFAULT_KEEPALIVE_TIMEOUT;
    private Duration rtmpTimeout = ListenerLimits.DEFAULT_RTMP_TIMEOUT;

    private ServerConfigReader(ConfigErrors errors) {
        this.errors = errors;
    }

    static ServerConfig read(List<ConfigNode> nodes, ConfigErrors errors) {
        return new ServerConfigReader(errors).run(nodes);
    }

    private ServerConfig run(List<ConfigNode> nodes) {
        List<CheckedDirective> directives = DirectiveShapeChecker.check(nodes, BlockKind.TOP, errors);
        // Ports first, so that a clash is reported on the listener written later in the file
        // whatever the order of the directives.
        directives.stream().filter(d -> isListener(d.directive())).forEach(this::listener);
        for (CheckedDirective d : directives) {
            apply(d.directive(), new DirectiveArguments(d.node(), errors), d.node());
        }
        return new ServerConfig(httpPort, rtmpPort, rtspPort, clusterKey, segmentDuration, segmentsInMemory,
                streams, sources, new ListenerLimits(maxConnections, maxConnectionsPerIp, requestTimeout, keepAliveTimeout,
                rtmpTimeout), maxBitrateMbps, dvrCacheBytes);
    }

    private static boolean isListener(Directive directive) {
        return directive == Directive.HTTP || directive == Directive.RTMP || directive == Directive.RTSP;
    }

    private void listener(CheckedDirective d) {
        DirectiveArguments args = new DirectiveArguments(d.node(), errors);
        Optional<Integer> port = args.port(0);
        if (port.isEmpty()) {
            return;
        }
        String other = listeners.putIfAbsent(port.get(), d.directive().keyword());
        if (other != null) {
            args.error(0, "port " + port.get() + " is already used by '" + other + "'");
            return;
        }
        switch (d.directive()) {
            case HTTP -> httpPort = port.get();
            case RTMP -> rtmpPort = port.get();
            default -> rtspPort = port.get();
        }
    }

    private void apply(Directive directive, DirectiveArguments args, ConfigNode node) {
        switch (directive) {
            case HTTP, RTMP, RTSP -> { /* read first, see run() */ }
            case CLUSTER_KEY -> args.nonEmpty(0, "cluster_key").ifPresent(k -> clusterKey = k);
            case SEGMENT_DURATION -> args.seconds(0, ServerConfig.MAX_SEGMENT_DURATION)
                    .ifPresent(s -> segmentDuration = s);
            case SEGMENTS -> args.integer(0, ServerConfig.MIN_SEGMENTS_IN_MEMORY, ServerConfig.MAX_SEGMENTS_IN_MEMORY)
                    .ifPresent(n -> segmentsInMemory = n);
            case MAX_BITRATE -> args.integer(0, 1, ServerConfig.MAX_MAX_BITRATE_MBPS)
                    .ifPresent(n -> maxBitrateMbps = n);
            case DVR_CACHE -> args.size(0).ifPresent(n -> dvrCacheBytes = n);
            case MAX_CONNECTIONS -> args.integer(0, 1, ListenerLimits.MAX_CONNECTIONS).ifPresent(n -> maxConnections = n);
            case MAX_CONNECTIONS_PER_IP -> args.integer(0, 1, ListenerLimits.MAX_CONNECTIONS)
                    .ifPresent(n -> maxConnectionsPerIp = n);
            case REQUEST_TIMEOUT -> args.timeout(0, ListenerLimits.MAX_TIMEOUT_SECONDS).ifPresent(t -> requestTimeout = t);
            case KEEPALIVE_TIMEOUT -> args.timeout(0, ListenerLimits.MAX_TIMEOUT_SECONDS).ifPresent(t -> keepAliveTimeout = t);
            case RTMP_TIMEOUT -> args.timeout(0, ListenerLimits.MAX_TIMEOUT_SECONDS).ifPresent(t -> rtmpTimeout = t);
            case STREAM -> StreamConfigReader.read(node, errors).ifPresent(s -> addStream(s, args));
            case SOURCE -> SourceConfigReader.read(node, errors).ifPresent(sources::add);
            default -> throw new IllegalStateException("not a top-level directive: " + directive);
        }
    }

    private void addStream(StreamConfig stream, DirectiveArguments args) {
        Position first = streamNames.putIfAbsent(stream.name(), stream.pos());
        if (first != null) {
            args.error(0, "duplicate stream '" + stream.name() + "'; already defined at "
                    + first.line() + ":" + first.column());
            return;
        }
        streams.add(stream);
    }
}
