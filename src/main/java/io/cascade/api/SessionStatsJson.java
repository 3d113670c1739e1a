package io.cascade.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.session.SessionRegistry;

import java.util.Map;

/** A stream's viewer figures in its {@code stats}: {@code online_clients} (and by protocol), {@code bytes_out}, {@code cluster_online_clients}. */
final class SessionStatsJson {
    private SessionStatsJson() {
    }

    static void add(ObjectNode stats, String stream, SessionRegistry sessions) {
        Map<String, Integer> byProto = sessions.localByProto(stream);
        stats.put("online_clients", byProto.values().stream().mapToInt(Integer::intValue).sum());
        ObjectNode by = stats.putObject("online_clients_by_proto");
        byProto.forEach(by::put);
        stats.put("bytes_out", sessions.bytesOut(stream));
        // this server's viewers and those the restreamers below it report: the whole cluster's, seen from here
        stats.put("cluster_online_clients", sessions.clusterCount(stream));
    }
}
