package io.cascade.metrics;

import io.cascade.cluster.PeerConnector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;

/**
 * The cluster sources this server takes streams from (label {@code peer}, HOST:PORT):
 * {@code cluster_peer_up} (1 while at least one M4F response from it is being read),
 * {@code cluster_peer_streams} (those responses: its stream list and each stream pulled) and
 * {@code cluster_m4f_bytes_in_total}.
 */
public final class ClusterMeters {
    private ClusterMeters() {
    }

    public static void register(Collection<PeerConnector> peers, MeterRegistry meters) {
        for (PeerConnector p : peers) {
            String peer = p.peer().toString();
            Gauge.builder("cluster.peer.up", p, c -> c.openStreams() > 0 ? 1 : 0).tag("peer", peer)
                    .description("1 while an M4F response from the source is being read").register(meters);
            Gauge.builder("cluster.peer.streams", p, PeerConnector::openStreams).tag("peer", peer)
                    .description("M4F responses from the source being read").register(meters);
            FunctionCounter.builder("cluster.m4f.bytes.in", p, PeerConnector::bytesIn).tag("peer", peer)
                    .description("M4F bytes read from the source").register(meters);
        }
    }
}
