package io.cascade.rtmp;

import io.netty.buffer.ByteBuf;

/** What the decoder remembers of one chunk stream: the last header and the message being reassembled. */
final class ChunkStreamState {
    long timestamp;
    /** The timestamp field of the last header: a delta for fmt 1/2, the absolute time for fmt 0. */
    long timestampField;
    int length;
    int typeId;
    int streamId;
    boolean extended;
    ByteBuf partial;

    boolean inProgress() {
        return partial != null;
    }

    void dropPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
