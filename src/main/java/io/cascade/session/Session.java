package io.cascade.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One viewer of one stream, on this server or (reported) on another. Thread-safe: protocols
 * count bytes and touch it from their threads, the authorization layer grants and cuts it.
 */
public final class Session {
    private static final LongSupplier NO_BYTES = () -> 0;

    private final String id;
    private final PlayRequest request;
    private final String server;
    private final boolean local;
    private final long openedAt;
    private final LongAdder bytes = new LongAdder();
    private final AtomicInteger requestNumber = new AtomicInteger();
    private final AtomicBoolean cut = new AtomicBoolean();
    /** True while the registry counts this session among the watching ones. */
    final AtomicBoolean counted = new AtomicBoolean();
    private final List<Runnable> onCut = new CopyOnWriteArrayList<>();
    private volatile LongSupplier connectionBytes = NO_BYTES;
    private volatile long updatedAt;
    private volatile String userId;
    private volatile int maxSessions;
    private volatile boolean admitted;
    private volatile long grantedUntil = Long.MIN_VALUE;

    Session(String id, PlayRequest request, String server, boolean local, long openedAt) {
        this.id = id;
        this.request = request;
        this.server = server;
        this.local = local;
        this.openedAt = openedAt;
        this.updatedAt = openedAt;
    }

    public String id() {
        return id;
    }

    /** What the viewer asked when the session opened. */
    public PlayRequest request() {
        return request;
    }

    public String stream() {
        return request.stream();
    }

    public String proto() {
        return request.proto();
    }

    /** The server the viewer watches on. */
    public String server() {
        return server;
    }

    /** True for a viewer of this server, false for one another server reported. */
    public boolean isLocal() {
        return local;
    }

    public long openedAt() {
        return openedAt;
    }

    public long updatedAt() {
        return updatedAt;
    }

    /** Bytes sent to the viewer so far. */
    public long bytes() {
        return bytes.sum() + connectionBytes.getAsLong();
    }

    /** {@code n} more bytes were sent to the viewer (an HTTP response). */
    public void sent(long n) {
        if (n > 0) {
            bytes.add(n);
        }
    }

    /**
     * A persistent connection counts its own bytes: from now on they are read from {@code total}
     * (all bytes written to the connection), added to those {@link #sent} already counted.
     */
    public void countBytesFrom(LongSupplier total) {
        connectionBytes = total;
    }

    void touch(long now) {
        updatedAt = now;
    }

    /** A report from the server the viewer watches on: its bytes and time as that server counts them. */
    void reported(long reportedBytes, long now) {
        bytes.reset();
        bytes.add(reportedBytes);
        updatedAt = now;
    }

    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    public void setUserId(String id) {
        userId = id;
    }

    /** Until when (Unix ms) the last grant holds; {@code Long.MIN_VALUE} before any. */
    /**
     * True once the play gate let it play: from then on its user and limit are known, so the
     * cluster is told of it only then.
     */
    public boolean isAdmitted() {
        return admitted;
    }

    public void markAdmitted() {
        admitted = true;
    }

    /** The backend's {@code X-Max-Sessions} for this session's user, 0 for no limit. */
    public int maxSessions() {
        return maxSessions;
    }

    public void setMaxSessions(int max) {
        maxSessions = Math.max(0, max);
    }

    public long grantedUntil() {
        return grantedUntil;
    }

    public void grantUntil(long until) {
        grantedUntil = until;
    }

    /** The number of the next authorization request of this session, from 0. */
    public int nextRequestNumber() {
        return requestNumber.getAndIncrement();
    }

    public boolean isCut() {
        return cut.get();
    }

    /**
     * Ends the viewer: its protocol refuses its next request (HTTP) or closes its connection
     * (see {@link #onCut}). Runs the cut actions once, on the caller's thread.
     *
     * @return false when it was cut already
     */
    public boolean cut() {
        if (!cut.compareAndSet(false, true)) {
            return false;
        }
        onCut.forEach(Runnable::run);
        return true;
    }

    /** What cuts the viewer off: a connection's close. Runs at once when the session is cut already. */
    public void onCut(Runnable action) {
        onCut.add(action);
        if (cut.get() && onCut.remove(action)) {
            action.run();
        }
    }

    public SessionRecord record() {
        return new SessionRecord(id, request.stream(), request.proto(), request.ip(), request.token(), userId(),
                server, openedAt, updatedAt, bytes(), request.userAgent(), request.referer(), request.queryString());
    }

    @Override
    public String toString() {
        return "session " + id + " (" + request.stream() + ", " + request.proto() + ", " + request.ip() + ")";
    }
}
