package io.cascade.rtmp;

import io.cascade.net.RateLimitedLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the handshake (RTMP specification, section 5.2). A C1 with a zero version
 * field gets the plain answer (S2 echoes C1); a C1 with a valid player digest gets the digest
 * answer Flash-era clients verify. Then it waits for C2, removes itself, and the bytes after C2
 * go on to the chunk decoder. A wrong version, garbage or a peer too slow closes the connection.
 */
public final class ServerHandshakeHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(ServerHandshakeHandler.class);
    /** A peer can open sockets and send nothing at will: at most one line per 10 s for those. */
    private static final RateLimitedLog TIMEOUTS = new RateLimitedLog(log, 10_000);
    static final int RTMP_VERSION = 3;
    private static final int SIZE = HandshakeDigest.PACKET_SIZE;
    /** Version we claim in a digest S1, as Flash Media Server 4.5 did; clients only check it is non-zero. */
    private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    private boolean answered;
    private boolean failed;

    public ServerHandshakeHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> {
            TIMEOUTS.info("RTMP " + ctx.channel().remoteAddress() + ": handshake not completed within "
                    + timeout.toMillis() + " ms, closing");
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!answered) {
            if (!in.isReadable()) {
                return;
            }
            // checked on the first byte, so that an HTTP request or other garbage is dropped at once
            int version = in.getUnsignedByte(in.readerIndex());
            if (version != RTMP_VERSION) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new RtmpProtocolException("RTMP handshake version " + version + " (expected 3)");
            }
            if (in.readableBytes() < 1 + SIZE) {
                return;
            }
            in.skipBytes(1);
            byte[] c1 = new byte[SIZE];
            in.readBytes(c1);
            ByteBuf answer = answer(c1);
            log.debug("RTMP {}: {} handshake", ctx.channel().remoteAddress(),
                    answer.getByte(1 + 4) == 0 ? "plain" : "digest");
            ctx.writeAndFlush(answer);
            answered = true;
        }
        if (in.readableBytes() < SIZE) {
            return;
        }
        in.skipBytes(SIZE); // C2: clients fill it inconsistently, so it is not checked
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(HandshakeCompleted.INSTANCE);
    }

    /** S0 + S1 + S2 for the given C1. */
    static ByteBuf answer(byte[] c1) {
        boolean plain = c1[4] == 0 && c1[5] == 0 && c1[6] == 0 && c1[7] == 0;
        int digestPosition = plain ? -1 : HandshakeDigest.findClientDigest(c1);
        ByteBuf out = Unpooled.buffer(1 + 2 * SIZE);
        out.writeByte(RTMP_VERSION);
        if (digestPosition < 0) {
            out.writeBytes(plainS1());
            out.writeBytes(c1);
        } else {
            byte[] clientDigest = Arrays.copyOfRange(c1, digestPosition, digestPosition + HandshakeDigest.DIGEST_SIZE);
            out.writeBytes(digestS1(digestPosition < 772 ? 1 : 0));
            out.writeBytes(digestS2(clientDigest));
        }
        return out;
    }

    private static byte[] plainS1() {
        byte[] s1 = randomPacket();
        Arrays.fill(s1, 0, 8, (byte) 0);
        return s1;
    }

    static byte[] digestS1(int scheme) {
        byte[] s1 = randomPacket();
        Arrays.fill(s1, 0, 4, (byte) 0);
        System.arraycopy(SERVER_VERSION, 0, s1, 4, 4);
        HandshakeDigest.imprint(s1, scheme, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_PREFIX);
        return s1;
    }

    static byte[] digestS2(byte[] clientDigest) {
        byte[] s2 = randomPacket();
        byte[] signature = HandshakeDigest.s2Signature(s2, clientDigest);
        System.arraycopy(signature, 0, s2, SIZE - HandshakeDigest.DIGEST_SIZE, HandshakeDigest.DIGEST_SIZE);
        return s2;
    }

    static byte[] randomPacket() {
        byte[] packet = new byte[SIZE];
        ThreadLocalRandom.current().nextBytes(packet);
        return packet;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
