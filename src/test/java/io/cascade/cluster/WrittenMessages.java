package io.cascade.cluster;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;

import java.io.EOFException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Reads back, MACs verified, the M4F messages a test channel was written, across calls. */
final class WrittenMessages {
    static final byte[] SESSION = new ClusterAuth("k").sessionKey("c".repeat(64), "n".repeat(32));

    private final EmbeddedChannel channel;
    private final ArrayDeque<Byte> unread = new ArrayDeque<>();
    private final M4fDecoder decoder = new M4fDecoder(new InputStream() {
        @Override
        public int read() {
            Byte b = unread.poll();
            return b == null ? -1 : b & 0xff;
        }
    }, SESSION);

    WrittenMessages(EmbeddedChannel channel) {
        this.channel = channel;
    }

    /** The messages written since the last call. */
    List<M4fMessage> next() throws Exception {
        channel.runPendingTasks();
        HttpContent c;
        while ((c = channel.readOutbound()) != null) {
            for (byte b : ByteBufUtil.getBytes(c.content())) {
                unread.add(b);
            }
            c.release();
        }
        List<M4fMessage> out = new ArrayList<>();
        while (true) {
            try {
                out.add(decoder.next());
            } catch (EOFException end) {
                return out;
            }
        }
    }
}
