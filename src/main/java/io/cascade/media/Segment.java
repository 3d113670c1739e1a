package io.cascade.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A GOP-aligned piece of a stream: the canonical fMP4 bytes ({@code moof}+{@code mdat} chunks)
 * of frames from one video keyframe up to the next cut.
 *
 * <p>A segment grows chunk by chunk while it is being made and is readable all that time;
 * {@link #close(long)} fixes its duration and makes it immutable. The bytes of a closed segment
 * are its identity: the DVR stores them and the cluster copies them verbatim, and every other
 * form (MPEG-TS, …) is derived from them once through {@link #derived}.
 */
public final class Segment {
    private final long number;
    private final long startDts;
    private final InitSegment init;
    private final boolean discontinuity;
    private final List<byte[]> chunks = new CopyOnWriteArrayList<>();
    private final Map<DerivedForm<?>, Object> derived = new ConcurrentHashMap<>();
    private final CompletableFuture<Segment> closed = new CompletableFuture<>();
    private volatile long duration = -1;
    private volatile byte[] bytes;
    private int[] chunkSizes;
    private volatile long grownBytes;

    /**
     * @param number        the segment number, rising by one, never reused within a stream
     * @param startDts      decode time of the first video keyframe (first frame for audio-only), 90 kHz UTC
     * @param init          the init segment its frames need
     * @param discontinuity true when the timeline or tracks jump between the previous segment and this one
     */
    public Segment(long number, long startDts, InitSegment init, boolean discontinuity) {
        this.number = number;
        this.startDts = startDts;
        this.init = init;
        this.discontinuity = discontinuity;
    }

    /** A segment received whole, e.g. from the DVR or a cluster peer. */
    public static Segment complete(long number, long startDts, long duration, InitSegment init,
                                   boolean discontinuity, byte[] bytes) {
        if (duration < 0) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        // Closed at once, without the growing segment's chunk list: archive playlists make one
        // such segment per entry, 43 200 for a day.
        Segment s = new Segment(number, startDts, init, discontinuity);
        s.chunkSizes = new int[] {bytes.length};
        s.bytes = bytes.length == 0 ? bytes : bytes.clone();
        s.duration = duration;
        s.closed.complete(s);
        return s;
    }

    public long number() {
        return number;
    }

    public long startDts() {
        return startDts;
    }

    public InitSegment init() {
        return init;
    }

    public boolean discontinuity() {
        return discontinuity;
    }

    /** Duration in 90 kHz ticks; -1 while the segment is still growing. */
    public long duration() {
        return duration;
    }

    public long endDts() {
        return startDts + Math.max(0, duration);
    }

    public boolean isComplete() {
        return duration >= 0;
    }

    /** Completes when the segment is closed. */
    public CompletableFuture<Segment> whenClosed() {
        return closed;
    }

    /** Adds one fMP4 chunk ({@code moof}+{@code mdat}). Only the segment's maker calls this. */
    public void append(byte[] chunk) {
        if (isComplete()) {
            throw new IllegalStateException("segment " + number + " is closed");
        }
        chunks.add(chunk);
        grownBytes += chunk.length;
    }

    public void close(long durationTicks) {
        if (durationTicks < 0) {
            throw new IllegalArgumentException("negative duration " + durationTicks);
        }
        if (isComplete()) {
            return;
        }
        chunkSizes = chunks.stream().mapToInt(c -> c.length).toArray();
        bytes = concat(chunks);
        duration = durationTicks;
        // The bytes hold everything now: the chunks would only double the segment's memory.
        chunks.clear();
        closed.complete(this);
    }

    /**
     * The chunks made so far; a snapshot, safe to iterate while the segment grows. A closed
     * segment keeps only its bytes, so its chunks are copied out of them.
     */
    public List<byte[]> chunks() {
        byte[] b = bytes;
        if (b == null) {
            return List.copyOf(chunks);
        }
        List<byte[]> out = new ArrayList<>(chunkSizes.length);
        int at = 0;
        for (int size : chunkSizes) {
            out.add(Arrays.copyOfRange(b, at, at + size));
            at += size;
        }
        return out;
    }

    public int chunkCount() {
        return bytes != null ? chunkSizes.length : chunks.size();
    }

    /** The size of the bytes made so far. */
    public long size() {
        byte[] b = bytes;
        return b != null ? b.length : grownBytes;
    }

    /** All bytes: for a closed segment its canonical bytes, for a growing one those made so far. */
    public byte[] bytes() {
        byte[] b = bytes;
        return b != null ? b : concat(chunks);
    }

    /**
     * A form of this closed segment made by {@code maker}, computed once and shared by every
     * viewer; {@code form} names it and its type (e.g. the TS form). A form that is costly to make
     * can be a {@link CompletableFuture} made elsewhere. Forms that are {@link AutoCloseable} (or
     * futures of one) are closed by {@link #release()}.
     */
    public <T> T derived(DerivedForm<T> form, Function<Segment, ? extends T> maker) {
        if (!isComplete()) {
            return maker.apply(this);
        }
        @SuppressWarnings("unchecked") // only this method stores under a form, always a T for DerivedForm<T>
        T value = (T) derived.computeIfAbsent(form, k -> maker.apply(this));
        return value;
    }

    /**
     * The segment left the live window: derived forms that hold resources outside the heap
     * (spool files) let them go now rather than whenever the garbage collector runs.
     */
    public void release() {
        for (Object form : derived.values()) {
            if (form instanceof CompletableFuture<?> pending) {
                pending.thenAccept(Segment::closeQuietly);
            } else {
                closeQuietly(form);
            }
        }
    }

    private static void closeQuietly(Object form) {
        if (form instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a form that cannot let go keeps its resources until it is collected
            }
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Segment[" + number + " @" + startDts + " +" + duration + "]";
    }
}
