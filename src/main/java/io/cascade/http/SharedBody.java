package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A response body sent to many viewers (a segment). It is copied once into off-heap memory, so a
 * response is a view of it with no per-request copy, and, where the machine has a RAM-backed
 * spool folder ({@code /dev/shm}), also written there once by a virtual thread so later responses
 * go out with {@code sendfile} — the kernel then copies straight from the page cache, as a static
 * file server does. The spool file goes when the body is no longer reachable.
 */
public final class SharedBody implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedBody.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Optional<Path> SPOOL = spoolFolder();

    private final ByteBuf memory;
    private final int size;
    private volatile File spooled;
    private volatile boolean closed;

    private SharedBody(ByteBuf memory, int size) {
        this.memory = memory;
        this.size = size;
    }

    public static SharedBody of(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        SharedBody body = new SharedBody(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)), bytes.length);
        SPOOL.ifPresent(dir -> Thread.ofVirtual().name("spool").start(() -> body.spool(dir, bytes)));
        return body;
    }

    /** What one response writes: a file region once spooled, else a view of the memory copy. */
    Object content() {
        return content(0, size);
    }

    /** {@code length} bytes from {@code first}, as {@link #content()}; the range must lie within the body. */
    Object content(long first, long length) {
        if (first < 0 || length < 0 || first + length > size) {
            throw new IndexOutOfBoundsException("range " + first + "+" + length + " of a body of " + size);
        }
        File f = spooled;
        if (f != null) {
            try {
                // Opened now, so a close() racing with this response cannot pull the file away.
                return new DefaultFileRegion(java.nio.channels.FileChannel.open(f.toPath()), first, length);
            } catch (IOException gone) {
                // released meanwhile: memory still holds the bytes
            }
        }
        return memory.slice((int) first, (int) length);
    }

    public int size() {
        return size;
    }

    /** Deletes the spool file; responses already under way keep their open file, later ones use memory. */
    @Override
    public void close() {
        closed = true;
        File f = spooled;
        spooled = null;
        if (f != null) {
            deleteQuietly(f.toPath());
        }
    }

    private void spool(Path dir, byte[] bytes) {
        try {
            Path file = Files.createTempFile(dir, "body", ".bin");
            CLEANER.register(this, () -> deleteQuietly(file));
            Files.write(file, bytes);
            spooled = file.toFile();
            if (closed) {
                close();
            }
        } catch (IOException e) {
            log.debug("spooling a response body failed, it is served from memory: {}", e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the folder is removed at exit anyway
        }
    }

    private static Optional<Path> spoolFolder() {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory(shm, "cascade-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    files.forEach(SharedBody::deleteQuietly);
                } catch (IOException ignored) {
                    // best effort at exit
                }
                deleteQuietly(dir);
            }, "spool-cleanup"));
            return Optional.of(dir);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
