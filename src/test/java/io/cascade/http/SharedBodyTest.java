package io.cascade.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.channels.WritableByteChannel;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;

import static org.assertj.core.api.Assertions.assertThat;

class SharedBodyTest {
    @Test
    void servesTheSameBytesFromMemoryOrSpoolAndLetsTheSpoolGoOnClose() throws Exception {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        SharedBody body = SharedBody.of(bytes);
        assertThat(body.size()).isEqualTo(bytes.length);
        assertThat(read(body.content())).isEqualTo(bytes);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(body.content() instanceof FileRegion) && System.nanoTime() < deadline && new File("/dev/shm").canWrite()) {
            Thread.sleep(10);
        }
        Object spooled = body.content();
        assertThat(read(spooled)).isEqualTo(bytes);
        body.close();
        Object afterClose = body.content();
        assertThat(afterClose).isInstanceOf(ByteBuf.class);
        assertThat(read(afterClose)).isEqualTo(bytes);
        if (spooled instanceof FileRegion) {
            assertThat(read(spooled)).as("a response under way keeps its open file").isEqualTo(bytes);
        }
    }

    private static byte[] read(Object content) throws Exception {
        if (content instanceof ByteBuf b) {
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            return out;
        }
        FileRegion r = (FileRegion) content;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel ch = Channels.newChannel(out);
        long done = 0;
        while (done < r.count()) {
            done += r.transferTo(ch, done);
        }
        return out.toByteArray();
    }
}
