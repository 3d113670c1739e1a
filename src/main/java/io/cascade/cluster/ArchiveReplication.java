package io.cascade.cluster;

import io.cascade.config.DvrConfig;
import io.cascade.net.PeerText;
import io.cascade.net.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs {@code replicate} for the restreamed streams that have it: a stream's archive is compared
 * with its source's over the whole DVR depth when the stream is first taken and each time a
 * source comes back after being away (the times segments can have been missed), and what is
 * missing is copied by an {@link ArchiveReplicator}, one stream at a time, on one thread.
 */
final class ArchiveReplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveReplication.class);
    static final long CHECK_MILLIS = 1_000;

    private final ReplicaCatalog replicas;
    private final Function<String, ArchiveIndex> sources;
    private final Supplier<Map<String, DvrConfig>> replicated;
    private final Map<String, ByteRateLimit> rates = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final RateLimitedLog failures = new RateLimitedLog(log, 30_000);
    private volatile boolean again;
    private volatile Thread thread;

    ArchiveReplication(ReplicaCatalog replicas, Function<String, ArchiveIndex> sources,
                       Supplier<Map<String, DvrConfig>> replicated) {
        this.replicas = replicas;
        this.sources = sources;
        this.replicated = replicated;
    }

    void start() {
        if (replicas == ReplicaCatalog.NONE) {
            return;
        }
        Thread t = Thread.ofVirtual().name("dvr-replication").unstarted(this::loop);
        thread = t;
        t.start();
    }

    /** A source is back after being away: every replicated stream is compared again. */
    void sourceBack() {
        again = true;
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            try {
                Thread.sleep(CHECK_MILLIS);
                if (again) {
                    again = false;
                    done.clear();
                }
                replicated.get().forEach(this::fill);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void fill(String stream, DvrConfig dvr) {
        if (done.contains(stream)) {
            return;
        }
        Optional<ReplicaArchive> local = replicas.find(stream);
        ArchiveIndex source = sources.apply(stream);
        if (local.isEmpty() || source == null) {
            return;
        }
        long now = System.currentTimeMillis() * 90;
        ByteRateLimit rate = rates.computeIfAbsent(stream, s -> ByteRateLimit.realTime(dvr.replicateRate().orElseThrow()));
        try {
            new ArchiveReplicator(stream, source, local.get(), rate).fill(now - dvr.depth().toSeconds() * 90_000, now);
            done.add(stream);
        } catch (IOException e) {
            failures.warn("replicating " + PeerText.escape(stream) + ": " + PeerText.escape(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
        }
    }
}
