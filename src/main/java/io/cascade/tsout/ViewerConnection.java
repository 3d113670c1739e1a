package io.cascade.tsout;

import io.cascade.http.StreamingReply;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongConsumer;

/** Where one viewer's transport stream goes: its endless HTTP response (or a test's stand-in). */
interface ViewerConnection {
    /** Queues a piece; its bytes are shared, never copied. */
    void write(ByteBuffer piece);

    /** Bytes queued but not yet taken by the network. */
    long pendingBytes();

    /** Runs {@code action} every {@code millis} on the connection's own thread until cancelled or closed. */
    ScheduledFuture<?> every(long millis, Runnable action);

    void onClose(Runnable action);

    /** Ends the response normally. */
    void end();

    /** Closes the connection at once. */
    void abort();

    /** {@code connection}, telling {@code sent} the size of every piece it queues (a session's byte count). */
    static ViewerConnection counting(ViewerConnection connection, LongConsumer sent) {
        return new ViewerConnection() {
            @Override
            public void write(ByteBuffer piece) {
                sent.accept(piece.remaining());
                connection.write(piece);
            }

            @Override
            public long pendingBytes() {
                return connection.pendingBytes();
            }

            @Override
            public ScheduledFuture<?> every(long millis, Runnable action) {
                return connection.every(millis, action);
            }

            @Override
            public void onClose(Runnable action) {
                connection.onClose(action);
            }

            @Override
            public void end() {
                connection.end();
            }

            @Override
            public void abort() {
                connection.abort();
            }
        };
    }

    static ViewerConnection of(StreamingReply reply) {
        return new ViewerConnection() {
            @Override
            public void write(ByteBuffer piece) {
                reply.write(Unpooled.wrappedBuffer(piece));
            }

            @Override
            public long pendingBytes() {
                return reply.pendingBytes();
            }

            @Override
            public ScheduledFuture<?> every(long millis, Runnable action) {
                return reply.every(millis, action);
            }

            @Override
            public void onClose(Runnable action) {
                reply.onClose(action);
            }

            @Override
            public void end() {
                reply.end();
            }

            @Override
            public void abort() {
                reply.abort();
            }
        };
    }
}
