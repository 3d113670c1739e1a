package io.cascade.rtmpstream;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where publishers meet the {@code publish://} inputs that wait for them: one slot per stream
 * name, holding at most one publisher at a time.
 */
public final class PublishPoints {
    /** A publisher that sent nothing for this long may be replaced by a new one. */
    static final long SILENT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** One stream's publisher, if any; the input waits on it. */
    static final class Slot {
        private MediaQueue publisher;
        private int waiting;

        /** Takes {@code candidate} unless a publisher that has not gone holds the slot. */
        synchronized boolean claim(MediaQueue candidate) {
            if (publisher != null && !publisher.isClosed()) {
                if (publisher.silentNanos() < SILENT_NANOS) {
                    return false;
                }
                // a connection that died without a goodbye must not hold the name forever
                publisher.abandon();
            }
            publisher = candidate;
            if (waiting > 0) {
                // an input is about to read: keep everything from the first frame on
                candidate.attach();
            }
            notifyAll();
            return true;
        }

        /** Blocks until a publisher is here (one that has gone still counts until its end is read). */
        synchronized MediaQueue await() throws InterruptedException {
            waiting++;
            try {
                while (publisher == null) {
                    wait();
                }
                return publisher;
            } finally {
                waiting--;
            }
        }

        /** The publisher's end has been delivered: the slot waits for the next one. */
        synchronized void finished(MediaQueue done) {
            if (publisher == done) {
                publisher = null;
            }
        }

        synchronized void abandon() {
            if (publisher != null) {
                publisher.abandon();
            }
        }

        synchronized boolean busy() {
            return publisher != null && !publisher.isClosed();
        }
    }

    Slot slot(String stream) {
        return slots.computeIfAbsent(stream, k -> new Slot());
    }

    /**
     * A publisher for {@code stream}, or empty when one is already publishing there.
     *
     * @param who names the publisher in log lines
     */
    public Optional<MediaQueue> claim(String stream, String who) {
        MediaQueue q = new MediaQueue("publisher " + who + " of " + stream);
        return slot(stream).claim(q) ? Optional.of(q) : Optional.empty();
    }

    public boolean busy(String stream) {
        Slot s = slots.get(stream);
        return s != null && s.busy();
    }

    /** Ends the publishers of streams that no longer exist (a cluster stream went away). */
    public void dropUnless(java.util.function.Predicate<String> streamExists) {
        slots.forEach((name, slot) -> {
            if (!streamExists.test(name)) {
                // the slot stays: an input made for a stream of that name may still hold it
                slot.abandon();
            }
        });
    }

    /** The input that waits for publishers of {@code stream}. */
    public PublishInput input(String stream, String url) {
        return new PublishInput(url, slot(stream));
    }
}
