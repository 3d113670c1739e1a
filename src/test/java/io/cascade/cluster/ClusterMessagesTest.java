package io.cascade.cluster;

import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive listing ({@code X}), session report ({@code V}) and report answer ({@code K}) messages. */
class ClusterMessagesTest {
    private static final byte[] KEY = new ClusterAuth("k").uploadKey("c".repeat(64), "n".repeat(32));
    private static final long T0 = 1_700_000_000_000L * 90;

    static ViewerSession viewer(String id, String user, int max, long openedAt) {
        return new ViewerSession(id, "news/é", "hls", "10.0.0.7", "tok-" + id, user, max, openedAt, openedAt + 5, 123_456,
                "VLC/3.0 LibVLC/3.0", "http://portal/", "token=tok-" + id, "edge-1:8080");
    }

    private static final ArchiveListing LISTING = new ArchiveListing(
            List.of(new ArchiveRange(T0, T0 + 900_000), new ArchiveRange(T0 + 1_800_000, T0 + 2_700_000)),
            List.of(new ArchivedSegment(41, T0, 180_000, 3, true, 123_456, 7, T0,
                            List.of(new ArchivedTrack(1, T0, 180_000), new ArchivedTrack(2, T0 + 1_920, 178_080))),
                    new ArchivedSegment(42, T0 + 180_000, 180_000, 3, false, 99_000, 7, T0, List.of())),
            true);
    private static final SessionReport REPORT = new SessionReport("edge-1:8080", -77L, 12, true,
            List.of(new SessionReport.Opened(5, viewer("a1", "u1", 1, 1_700_000_000_000L)),
                    new SessionReport.Opened(6, viewer("a2", "", 0, 1_700_000_000_100L))),
            List.of(new SessionReport.Bytes(900, 5_000_000_000L), new SessionReport.Bytes(3, 1)),
            List.of(70L, 2L, 1_000_000L));
    private static final ReportAnswer ANSWER = new ReportAnswer(true,
            List.of(new SessionKey("edge-2:8080", "s-9"), new SessionKey("mid", "é")));

    private static byte[] wire(M4fMessage... ms) {
        M4fEncoder e = new M4fEncoder(KEY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (M4fMessage m : ms) {
            out.writeBytes(ByteBufUtil.getBytes(e.encode(m)));
        }
        return out.toByteArray();
    }

    private static List<M4fMessage> readAll(InputStream in) throws Exception {
        M4fDecoder d = new M4fDecoder(in, KEY);
        List<M4fMessage> out = new ArrayList<>();
        while (true) {
            try {
                out.add(d.next());
            } catch (EOFException end) {
                return out;
            }
        }
    }

    @Test
    void eachReadsBackAsWritten() throws Exception {
        List<M4fMessage> got = readAll(new ByteArrayInputStream(wire(LISTING.toMessage(), REPORT.toMessage(), ANSWER.toMessage())));
        assertThat(ArchiveListing.of(got.get(0))).isEqualTo(LISTING);
        SessionReport r = SessionReport.of(got.get(1));
        assertThat(r.reporter()).isEqualTo("edge-1:8080");
        assertThat(r.instance()).isEqualTo(-77L);
        assertThat(r.sequence()).isEqualTo(12);
        assertThat(r.reset()).isTrue();
        assertThat(r.opened()).isEqualTo(REPORT.opened());
        assertThat(r.bytes()).containsExactly(new SessionReport.Bytes(3, 1), new SessionReport.Bytes(900, 5_000_000_000L));
        assertThat(r.closed()).containsExactly(2L, 70L, 1_000_000L);
        assertThat(ReportAnswer.of(got.get(2))).isEqualTo(ANSWER);
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() throws Exception {
        byte[] w = wire(LISTING.toMessage(), REPORT.toMessage(), ANSWER.toMessage());
        InputStream trickle = new InputStream() {
            int at;

            @Override
            public int read() {
                return at < w.length ? w[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= w.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = w[at++];
                return 1;
            }
        };
        List<M4fMessage> got = readAll(trickle);
        assertThat(got).hasSize(3);
        assertThat(ArchiveListing.of(got.get(0))).isEqualTo(LISTING);
        assertThat(ReportAnswer.of(got.get(2))).isEqualTo(ANSWER);
    }

    @Test
    void aFlippedByteAnywhereFailsTheMac() {
        byte[] w = wire(REPORT.toMessage());
        for (int i = 5; i < w.length; i += 7) {
            byte[] bad = w.clone();
            bad[i] ^= 0x20;
            assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bad))).isInstanceOf(M4fProtocolException.class);
        }
    }

    @Test
    void theUploadKeyIsNotTheSessionKeySoAReportCannotPassForAnAnswer() {
        ClusterAuth auth = new ClusterAuth("k");
        byte[] w = wire(ANSWER.toMessage());
        M4fDecoder asResponse = new M4fDecoder(new ByteArrayInputStream(w), auth.sessionKey("c".repeat(64), "n".repeat(32)));
        assertThatThrownBy(asResponse::next).hasMessageContaining("MAC");
    }

    @Test
    void aSessionsFieldsAreBoundedAndCutAtACharacterWhenWritten() throws Exception {
        String huge = "é".repeat(5000);
        ViewerSession s = new ViewerSession("id", huge, "hls", "", "", "", 0, 1, 1, 0, huge, huge, huge, "");
        SessionReport r = SessionReport.of(new SessionReport("e", 1, 1, false, List.of(new SessionReport.Opened(1, s)),
                List.of(), List.of()).toMessage());
        ViewerSession back = r.opened().get(0).session();
        assertThat(back.name()).hasSize(128).matches("é+");
        assertThat(back.userAgent()).hasSize(256);
        assertThat(back.queryString()).hasSize(512);
    }

    @Test
    void aListingKeepsTheNewestRangesAndSaysWhenSegmentsWereLeftOut() {
        List<ArchiveRange> ranges = new ArrayList<>();
        for (int i = 0; i < ArchiveListing.MAX_RANGES + 10; i++) {
            ranges.add(new ArchiveRange(T0 + i * 10L, T0 + i * 10L + 5));
        }
        List<ArchivedSegment> segs = new ArrayList<>();
        for (int i = 0; i < ArchiveListing.MAX_SEGMENTS + 1; i++) {
            segs.add(new ArchivedSegment(i, T0 + i * 180_000L, 180_000, 1, false));
        }
        ArchiveListing l = new ArchiveListing(ranges, segs, false);
        assertThat(l.ranges()).hasSize(ArchiveListing.MAX_RANGES).first().isEqualTo(ranges.get(10));
        assertThat(l.segments()).hasSize(ArchiveListing.MAX_SEGMENTS);
        assertThat(l.more()).isTrue();
    }

    /** A listing of one segment at {@code T0} up to its track count, the tracks left to the caller. */
    private static PayloadWriter segment(long duration, long size, long runStart, int tracks) {
        PayloadWriter w = new PayloadWriter().u8(0).varint(0).varint(1).u64(1).u64(T0).u64(duration).u32(1).u8(0)
                .u64(size).u64(0).u64(runStart).varint(tracks);
        for (int i = 0; i < tracks && tracks > ArchivedSegment.MAX_TRACKS; i++) {
            w.u32(i).u64(T0).u64(duration);
        }
        return w;
    }

    /** A payload written by hand, to say what no well-behaved writer would. */
    private static M4fMessage raw(char type, PayloadWriter w) {
        return new M4fMessage(type, w.bytes());
    }

    @Test
    void countsOverTheirBoundOrPastThePayloadAreRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', new PayloadWriter().u8(0).varint(ArchiveListing.MAX_RANGES + 1))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("ranges");
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', new PayloadWriter().u8(0).varint(3).u64(1).u64(2))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("claims 3 ranges");
        assertThatThrownBy(() -> ReportAnswer.of(raw('K', new PayloadWriter().u8(0).varint(Long.MAX_VALUE))))
                .isInstanceOf(M4fProtocolException.class);
        assertThatThrownBy(() -> SessionReport.of(raw('V', new PayloadWriter().text("e", 9).u64(1).varint(1).u8(0)
                .varint(SessionReport.MAX_OPENED + 1)))).isInstanceOf(M4fProtocolException.class);
    }

    @Test
    void badValuesTextAndTrailingBytesAreProtocolErrors() {
        // a range that ends before it starts
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', new PayloadWriter().u8(0).varint(1).u64(10).u64(5).varint(0))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("bad archive range");
        // a segment of no duration
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', segment(0, 0, T0, 0))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("bad archived segment");
        // a run that starts after its segment
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', segment(180_000, 0, T0 + 1, 0))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("run start");
        // a negative size (a u64 over 2^63)
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', segment(180_000, -1, T0, 0))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("size");
        // more tracks than a segment may have
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', segment(180_000, 10, T0, ArchivedSegment.MAX_TRACKS + 1))))
                .isInstanceOf(M4fProtocolException.class).hasMessageContaining("tracks");
        // a track an hour away from its segment
        assertThatThrownBy(() -> ArchiveListing.of(raw('X', segment(180_000, 10, T0, 1).u32(1).u64(T0 + 3600 * 90_000L)
                .u64(180_000)))).isInstanceOf(M4fProtocolException.class).hasMessageContaining("lies far from it");
        // a text field that is not UTF-8
        PayloadWriter notUtf8 = new PayloadWriter().u8(0).varint(1).varint(1);
        byte[] b = notUtf8.bytes();
        byte[] bad = Arrays.copyOf(b, b.length + 2);
        bad[b.length] = (byte) 0xc3;
        bad[b.length + 1] = (byte) 0x28;
        assertThatThrownBy(() -> ReportAnswer.of(new M4fMessage('K', bad))).hasMessageContaining("not UTF-8");
        // a varint of more than 63 bits
        byte[] tooLong = new byte[12];
        Arrays.fill(tooLong, (byte) 0xff);
        tooLong[0] = 0;
        assertThatThrownBy(() -> ReportAnswer.of(new M4fMessage('K', tooLong))).hasMessageContaining("63 bits");
        // bytes after the last field
        byte[] good = ANSWER.toMessage().payload();
        assertThatThrownBy(() -> ReportAnswer.of(new M4fMessage('K', Arrays.copyOf(good, good.length + 1))))
                .hasMessageContaining("after its last field");
        // the wrong type
        assertThatThrownBy(() -> SessionReport.of(ANSWER.toMessage())).hasMessageContaining("where a session report");
    }

    @Test
    void garbageNeverGetsPastAProtocolError() {
        Random random = new Random(7);
        byte[] listing = LISTING.toMessage().payload();
        byte[] report = REPORT.toMessage().payload();
        for (int i = 0; i < 3000; i++) {
            byte[] g = new byte[random.nextInt(80)];
            random.nextBytes(g);
            parsesOrRefuses(() -> ArchiveListing.of(new M4fMessage('X', g)));
            parsesOrRefuses(() -> SessionReport.of(new M4fMessage('V', g)));
            parsesOrRefuses(() -> ReportAnswer.of(new M4fMessage('K', g)));
            // and valid payloads cut or altered anywhere
            byte[] cut = Arrays.copyOf(report, random.nextInt(report.length));
            parsesOrRefuses(() -> SessionReport.of(new M4fMessage('V', cut)));
            byte[] flipped = listing.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            parsesOrRefuses(() -> ArchiveListing.of(new M4fMessage('X', flipped)));
        }
    }

    private interface Parse {
        Object run() throws M4fProtocolException;
    }

    private static void parsesOrRefuses(Parse p) {
        try {
            p.run();
        } catch (M4fProtocolException expected) {
            // refused: what garbage must get
        }
    }

    @Test
    void keysAndSmallCountsTakeOneByteEach() {
        List<SessionReport.Bytes> bytes = new ArrayList<>();
        for (int k = 1; k <= 1000; k++) {
            bytes.add(new SessionReport.Bytes(k, 100));
        }
        int size = new SessionReport("e", 1, 1, false, List.of(), bytes, List.of()).toMessage().payload().length;
        // key delta 1 byte + bytes 1 byte per session, and a small header
        assertThat(size).isBetween(2000, 2030);
        assertThat(ByteBuffer.wrap(new PayloadWriter().varint(127).bytes()).remaining()).isEqualTo(1);
        assertThat(new PayloadWriter().varint(128).bytes()).containsExactly(0x80, 0x01);
    }
}
