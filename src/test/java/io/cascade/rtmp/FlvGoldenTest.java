package io.cascade.rtmp;

import io.cascade.amf.Amf0Reader;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import io.cascade.testing.GoldenDump;
import io.cascade.testing.GoldenSamples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ffmpeg sends when it publishes (its FLV muxer's tags, committed as a sample) through the
 * FLV tag demuxer, pinned as text; and the same tags through RTMP chunking, however the chunk
 * stream is split, give the same result.
 */
class FlvGoldenTest {
    private static final byte[] FLV = GoldenSamples.bytes(GoldenSamples.PUBLISH_FLV);

    /** One FLV tag as an RTMP message would carry it. */
    private record Tag(int type, long timestamp, byte[] body) {
    }

    /** The tags of an FLV file (header, then tag + PreviousTagSize pairs). */
    private static List<Tag> tags(byte[] flv) {
        ByteBuffer in = ByteBuffer.wrap(flv);
        in.position(in.getInt(5) + 4);
        List<Tag> tags = new ArrayList<>();
        while (in.remaining() >= 11) {
            int type = in.get() & 0x1f;
            int size = ((in.get() & 0xff) << 16) | (in.getShort() & 0xffff);
            long ts = ((in.get() & 0xffL) << 16) | (in.getShort() & 0xffff) | ((in.get() & 0xffL) << 24);
            in.position(in.position() + 3); // stream id
            byte[] body = new byte[size];
            in.get(body);
            in.getInt(); // PreviousTagSize
            tags.add(new Tag(type, ts, body));
        }
        return tags;
    }

    private static RtmpMessage message(Tag t) {
        int csid = t.type == RtmpMessageType.AUDIO ? 4 : t.type == RtmpMessageType.VIDEO ? 6 : 5;
        return new RtmpMessage(csid, t.type, 1, t.timestamp, Unpooled.wrappedBuffer(t.body));
    }

    /** The demuxer's output for messages, as a publisher's session hands them over. */
    private static String demux(List<RtmpMessage> messages) throws Exception {
        GoldenDump dump = new GoldenDump();
        FlvDemuxer demuxer = new FlvDemuxer(new PublishSession() {
            @Override
            public void onTracks(List<Track> tracks) {
                dump.tracks(tracks);
            }

            @Override
            public void onFrame(Frame frame) {
                dump.frame(frame);
            }

            @Override
            public void onClose() {
            }
        });
        for (RtmpMessage m : messages) {
            switch (m.typeId()) {
                case RtmpMessageType.VIDEO -> demuxer.onVideo(m.timestamp(), m.payload());
                case RtmpMessageType.AUDIO -> demuxer.onAudio(m.timestamp(), m.payload());
                default -> {
                    for (Object value : new Amf0Reader(m.payload()).readAll()) {
                        if (value instanceof Map<?, ?> map) {
                            @SuppressWarnings("unchecked") // AMF0 object keys are strings
                            Map<String, Object> properties = (Map<String, Object>) map;
                            demuxer.onMetaData(properties);
                        }
                    }
                }
            }
            m.release();
        }
        return dump.text();
    }

    private static List<RtmpMessage> messages() {
        return tags(FLV).stream().map(FlvGoldenTest::message).toList();
    }

    /** The messages chunked (128-byte chunks), then decoded from pieces of 1..maxPiece bytes. */
    private static List<RtmpMessage> throughChunks(int maxPiece, long seed) {
        ByteBuf wire = Unpooled.buffer();
        for (RtmpMessage m : messages()) {
            ByteBuf chunks = RtmpChunkEncoder.encodeOnce(UnpooledByteBufAllocator.DEFAULT, m, 128);
            wire.writeBytes(chunks);
            chunks.release();
            m.release();
        }
        EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULT));
        Random random = new Random(seed);
        while (wire.isReadable()) {
            int n = Math.min(wire.readableBytes(), 1 + random.nextInt(maxPiece));
            channel.writeInbound(wire.readRetainedSlice(n));
        }
        wire.release();
        List<RtmpMessage> out = new ArrayList<>();
        for (RtmpMessage m = channel.readInbound(); m != null; m = channel.readInbound()) {
            out.add(m);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    @Test
    void demuxesAsPinned() throws Exception {
        new GoldenDump().line(demux(messages()).stripTrailing()).assertMatches(GoldenSamples.PUBLISH_FLV + ".dump");
    }

    @Test
    void chunkedOneByteAtATimeGivesTheSameFrames() throws Exception {
        assertThat(demux(throughChunks(1, 0))).isEqualTo(demux(messages()));
    }

    @Test
    void chunkedInRandomSplitsGivesTheSameFrames() throws Exception {
        String whole = demux(messages());
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(demux(throughChunks(seed % 2 == 0 ? 5 : 3000, seed))).as("seed %d", seed).isEqualTo(whole);
        }
    }
}
