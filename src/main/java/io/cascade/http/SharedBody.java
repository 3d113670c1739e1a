package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;

/**
 * A response body sent to many viewers: copied once into off-heap memory so each response is a
 * duplicate of it, with no per-request copy from the heap. The memory belongs to the garbage
 * collector (a JDK direct buffer), so a body lives exactly as long as whatever caches it.
 */
public final class SharedBody {
    private final ByteBuf buffer;

    private SharedBody(ByteBuf buffer) {
        this.buffer = buffer;
    }

    public static SharedBody of(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return new SharedBody(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    }

    /** A view for one response; releasing it leaves the shared memory alone. */
    ByteBuf view() {
        return buffer.duplicate();
    }

    public int size() {
        return buffer.readableBytes();
    }
}
