package io.cascade.cluster;

import io.cascade.config.HostPort;
import io.cascade.config.InputConfig;
import io.cascade.config.ServerConfig;
import io.cascade.config.SourceConfig;
import io.cascade.config.StreamConfig;
import io.cascade.input.Input;
import io.cascade.input.InputFactory;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The restreamer side of a cluster: watches every {@code source}, and keeps the local streams
 * taken from them in step with what the sources offer (added, removed, static or on demand,
 * inputs in failover order). Also makes {@code m4f://} inputs for streams configured by hand.
 */
public final class ClusterStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterStreams.class);

    private final ServerConfig config;
    private final StreamRegistry registry;
    private final InputFactory factory;
    private final Optional<String> globalKey;
    private final Function<String, List<String>> playbackUrls;
    private final Map<HostPort, PeerConnector> connectors = new LinkedHashMap<>();
    private final Map<HostPort, SourceWatcher> watchers = new LinkedHashMap<>();
    private final Map<HostPort, List<RemoteStream>> lists = new ConcurrentHashMap<>();
    private final Map<String, ClusterStream> owned = new HashMap<>();
    private final ArchiveCache archiveCache;
    private final Map<String, RemoteArchive> remoteArchives = new HashMap<>();
    private final ArchiveReplication replication;
    private final Map<HostPort, Integer> seenConnections = new ConcurrentHashMap<>();
    private final Consumer<LiveStream> beforeStart;

    /** @param playbackUrls the URLs that play a stream, logged when one is taken from a source */
    public ClusterStreams(ServerConfig config, StreamRegistry registry, InputFactory factory,
                          Function<String, List<String>> playbackUrls) {
        this(config, registry, factory, playbackUrls, ReplicaCatalog.NONE);
    }

    /** @param replicas this server's own archives of restreamed streams, which {@code replicate} fills */
    public ClusterStreams(ServerConfig config, StreamRegistry registry, InputFactory factory,
                          Function<String, List<String>> playbackUrls, ReplicaCatalog replicas) {
        this(config, registry, factory, playbackUrls, replicas, stream -> { });
    }

    /** @param beforeStart run on each stream taken from a source before it starts (the DVR subscribes its recorder) */
    public ClusterStreams(ServerConfig config, StreamRegistry registry, InputFactory factory,
                          Function<String, List<String>> playbackUrls, ReplicaCatalog replicas,
                          Consumer<LiveStream> beforeStart) {
        this.beforeStart = beforeStart;
        this.config = config;
        this.archiveCache = new ArchiveCache(config.dvrCacheBytes());
        this.replication = new ArchiveReplication(replicas, this::remoteArchive, this::replicated);
        this.playbackUrls = playbackUrls;
        this.registry = registry;
        this.factory = factory;
        this.globalKey = Optional.ofNullable(config.clusterKey());
        for (SourceConfig source : config.sources()) {
            Optional<String> key = source.clusterKey().or(() -> globalKey);
            for (HostPort host : source.hosts()) {
                if (key.isEmpty()) {
                    log.error("source {}: no cluster_key is set, so it cannot be pulled", host);
                    continue;
                }
                connectors.putIfAbsent(host, new PeerConnector(host, new ClusterAuth(key.get())));
            }
        }
        factory.register("m4f", this::input);
    }

    /** Starts following the sources. */
    /** The peers this server takes streams from, for the metrics. */
    public synchronized java.util.Collection<PeerConnector> peers() {
        return java.util.List.copyOf(connectors.values());
    }

    public void start() {
        replication.start();
        connectors.forEach((host, c) -> {
            SourceWatcher w = new SourceWatcher(c, (h, list) -> {
                int made = watchers.get(h).connections();
                boolean back = !java.util.Objects.equals(seenConnections.put(h, made), made);
                lists.put(h, list);
                refresh();
                if (back) {
                    replication.sourceBack();
                }
            }, this::refresh);
            watchers.put(host, w);
            w.start();
        });
    }

    /** Brings the registry in line with the sources' current lists. */
    synchronized void refresh() {
        Set<String> local = new HashSet<>();
        for (LiveStream s : registry.all()) {
            if (!owned.containsKey(s.name())) {
                local.add(s.name());
            }
        }
        List<ClusterStream> wanted = StreamListRules.apply(config.sources(), Map.copyOf(lists), local);
        Set<String> keep = new HashSet<>();
        for (ClusterStream cs : wanted) {
            keep.add(cs.name());
            ClusterStream had = owned.put(cs.name(), cs);
            if (had == null) {
                log.info("cluster: taking {} ({}) from {}", cs.name(), cs.isStatic() ? "static" : "on demand", cs.inputs());
                LiveStream stream = new LiveStream(streamConfig(cs), config.segmentDuration(), config.segmentsInMemory(),
                        config.maxBitrate(), factory);
                beforeStart.accept(stream);
                registry.add(stream);
                playbackUrls.apply(cs.name()).forEach(url -> log.info("play: {}", url));
            } else if (!had.equals(cs)) {
                log.info("cluster: {} now {} from {}", cs.name(), cs.isStatic() ? "static" : "on demand", cs.inputs());
                registry.find(cs.name()).ifPresent(s -> s.reconfigure(streamConfig(cs)));
            }
        }
        for (String name : List.copyOf(owned.keySet())) {
            if (!keep.contains(name)) {
                owned.remove(name);
                remoteArchives.remove(name);
                log.info("cluster: {} is gone from every source", name);
                registry.remove(name);
            }
        }
    }

    /**
     * The archives of the streams taken from sources, read from the sources over M4F: what this
     * server answers archive requests with for a stream it does not record itself.
     */
    public ArchiveCatalog archives() {
        return name -> Optional.ofNullable(remoteArchive(name));
    }

    /** The remote archive of an owned stream over the hosts of its inputs in order, else null. */
    private synchronized RemoteArchive remoteArchive(String name) {
        ClusterStream cs = owned.get(name);
        if (cs == null) {
            return null;
        }
        List<PeerConnector> hosts = cs.inputs().stream().map(this::connectorOf).filter(java.util.Objects::nonNull).toList();
        if (hosts.isEmpty()) {
            return null;
        }
        RemoteArchive had = remoteArchives.get(name);
        if (had == null || !had.hosts().equals(hosts)) {
            had = new RemoteArchive(name, hosts, archiveCache);
            remoteArchives.put(name, had);
        }
        return had;
    }

    /** The streams {@code replicate} applies to, with their source's rate. */
    private synchronized Map<String, io.cascade.config.DvrConfig> replicated() {
        Map<String, io.cascade.config.DvrConfig> out = new HashMap<>();
        owned.forEach((name, cs) -> cs.source().dvr().filter(d -> d.replicateRate().isPresent()).ifPresent(d -> out.put(name, d)));
        return out;
    }

    /** The shared cache of archive bytes fetched from sources ({@code dvr_cache}). */
    public ArchiveCache archiveCache() {
        return archiveCache;
    }

    /**
     * The source a taken stream comes from now: its active input's host, else its first one;
     * empty for a stream of this server's own. Session reports for the stream go there.
     */
    public Optional<PeerConnector> upstreamOf(String name) {
        ClusterStream cs;
        synchronized (this) {
            cs = owned.get(name);
        }
        if (cs == null || cs.inputs().isEmpty()) {
            return Optional.empty();
        }
        String url = registry.find(name).flatMap(LiveStream::activeInput).filter(cs.inputs()::contains)
                .orElse(cs.inputs().get(0));
        return Optional.ofNullable(connectorOf(url));
    }

    private PeerConnector connectorOf(String m4fUrl) {
        String rest = m4fUrl.substring("m4f://".length());
        try {
            return connectors.get(HostPort.parse(rest.substring(0, rest.indexOf('/'))));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static StreamConfig streamConfig(ClusterStream cs) {
        SourceConfig src = cs.source();
        List<InputConfig> inputs = cs.inputs().stream().map(u -> InputConfig.of(u, Map.of())).toList();
        return new StreamConfig(cs.name(), inputs, cs.isStatic(), src.dvr(), src.onPlay(), src.backup(),
                OptionalDouble.empty(), src.pos(), src.access());
    }

    /** An {@code m4f://HOST:PORT/NAME} input of stream {@code streamName}. */
    private Input input(String streamName, String url) {
        String rest = url.substring("m4f://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return failing(url, "m4f URL needs HOST:PORT/NAME");
        }
        HostPort host;
        try {
            host = HostPort.parse(rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            return failing(url, e.getMessage());
        }
        PeerConnector connector = connectors.get(host);
        if (connector == null) {
            if (globalKey.isEmpty()) {
                return failing(url, "m4f inputs need a cluster_key");
            }
            connector = new PeerConnector(host, new ClusterAuth(globalKey.get()));
        }
        return new M4fInput(url, connector, rest.substring(slash + 1), () -> preferredAvailable(streamName, url));
    }

    /** True when a source before {@code activeUrl} in the stream's order offers it alive again. */
    private boolean preferredAvailable(String streamName, String activeUrl) {
        ClusterStream cs;
        synchronized (this) {
            cs = owned.get(streamName);
        }
        if (cs == null) {
            return false;
        }
        int active = cs.inputs().indexOf(activeUrl);
        for (int i = 0; i < active; i++) {
            String u = cs.inputs().get(i);
            HostPort h = HostPort.parse(u.substring("m4f://".length(), u.indexOf('/', "m4f://".length())));
            SourceWatcher w = watchers.get(h);
            if (w != null && w.offersAlive(streamName)) {
                return true;
            }
        }
        return false;
    }

    private static Input failing(String url, String reason) {
        return new Input() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void run(io.cascade.input.MediaSink sink) throws java.io.IOException {
                throw new java.io.IOException(reason);
            }
        };
    }

    @Override
    public void close() {
        replication.close();
        watchers.values().forEach(SourceWatcher::close);
    }
}
