package io.cascade.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole server configuration.
 *
 * @param httpPort         the HTTP listener port
 * @param rtmpPort         the RTMP listener port; null when RTMP is not served
 * @param rtspPort         the RTSP listener port; null when RTSP is not served
 * @param clusterKey       the key other servers of the cluster must share; null when none
 * @param segmentDuration  target segment duration in seconds
 * @param segmentsInMemory how many closed segments each stream keeps in memory
 * @param streams          configured streams, in file order
 * @param sources          servers to restream from, in file order
 * @param limits           connection limits and timeouts of every listener
 * @param maxBitrateMbps   the highest rate (Mbit/s, over a few seconds) an input may feed any one
 *                         stream; it also bounds each stream's memory
 * @param dvrCacheBytes    {@code dvr_cache}: the memory for archive segments fetched from sources
 */
public record ServerConfig(int httpPort, Integer rtmpPort, Integer rtspPort, String clusterKey,
                           double segmentDuration, int segmentsInMemory, List<StreamConfig> streams,
                           List<SourceConfig> sources, ListenerLimits limits, int maxBitrateMbps,
                           long dvrCacheBytes) {
    /** 256 MiB: see {@code cluster.ArchiveCache}. */
    public static final long DEFAULT_DVR_CACHE_BYTES = 256L << 20;

    /** A config with the default {@link #DEFAULT_DVR_CACHE_BYTES}. */
    public ServerConfig(int httpPort, Integer rtmpPort, Integer rtspPort, String clusterKey,
                        double segmentDuration, int segmentsInMemory, List<StreamConfig> streams,
                        List<SourceConfig> sources, ListenerLimits limits, int maxBitrateMbps) {
        this(httpPort, rtmpPort, rtspPort, clusterKey, segmentDuration, segmentsInMemory, streams, sources,
                limits, maxBitrateMbps, DEFAULT_DVR_CACHE_BYTES);
    }

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final double DEFAULT_SEGMENT_DURATION = 2.0;
    public static final double MAX_SEGMENT_DURATION = 60.0;
    public static final int DEFAULT_SEGMENTS_IN_MEMORY = 10;
    /** Fewer would leave players nothing to buffer while the newest segment is being made. */
    public static final int MIN_SEGMENTS_IN_MEMORY = 3;
    /** Bounds memory use per stream whatever the file says. */
    public static final int MAX_SEGMENTS_IN_MEMORY = 10_000;
    /** 4K HEVC at high quality stays below; a 512 MiB heap still holds a window of it. */
    public static final int DEFAULT_MAX_BITRATE_MBPS = 50;
    public static final int MAX_MAX_BITRATE_MBPS = 10_000;

    /** A config with the default {@link #DEFAULT_MAX_BITRATE_MBPS}. */
    public ServerConfig(int httpPort, Integer rtmpPort, Integer rtspPort, String clusterKey,
                        double segmentDuration, int segmentsInMemory, List<StreamConfig> streams,
                        List<SourceConfig> sources, ListenerLimits limits) {
        this(httpPort, rtmpPort, rtspPort, clusterKey, segmentDuration, segmentsInMemory, streams, sources,
                limits, DEFAULT_MAX_BITRATE_MBPS);
    }

    public ServerConfig {
        Objects.requireNonNull(limits, "limits");
        streams = List.copyOf(streams);
        sources = List.copyOf(sources);
        requirePort(httpPort);
        if (rtmpPort != null) {
            requirePort(rtmpPort);
        }
        if (rtspPort != null) {
            requirePort(rtspPort);
        }
        if (segmentDuration <= 0 || segmentDuration > MAX_SEGMENT_DURATION) {
            throw new IllegalArgumentException("segment duration out of range: " + segmentDuration);
        }
        if (segmentsInMemory < MIN_SEGMENTS_IN_MEMORY || segmentsInMemory > MAX_SEGMENTS_IN_MEMORY) {
            throw new IllegalArgumentException("segments in memory out of range: " + segmentsInMemory);
        }
        if (maxBitrateMbps < 1 || maxBitrateMbps > MAX_MAX_BITRATE_MBPS) {
            throw new IllegalArgumentException("max bitrate out of range: " + maxBitrateMbps);
        }
        if (dvrCacheBytes < 0) {
            throw new IllegalArgumentException("negative dvr_cache: " + dvrCacheBytes);
        }
    }

    /** A config with the default limits. */
    public ServerConfig(int httpPort, Integer rtmpPort, Integer rtspPort, String clusterKey,
                        double segmentDuration, int segmentsInMemory, List<StreamConfig> streams,
                        List<SourceConfig> sources) {
        this(httpPort, rtmpPort, rtspPort, clusterKey, segmentDuration, segmentsInMemory, streams, sources,
                ListenerLimits.DEFAULTS);
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
    }

    /** HTTP on 8080 and nothing else: no other listeners, streams, sources or cluster key. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HTTP_PORT, null, null, null, DEFAULT_SEGMENT_DURATION,
                DEFAULT_SEGMENTS_IN_MEMORY, List.of(), List.of());
    }

    /** {@link #maxBitrateMbps} in bits per second. */
    public long maxBitrate() {
        return maxBitrateMbps * 1_000_000L;
    }

    public Optional<StreamConfig> stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
