package io.cascade.cluster;

import io.cascade.http.TestReplies;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import io.cascade.media.Timebase;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the source sends on one M4F segment connection, read back message by message. */
class SegmentPushTest {
    private static final long T0 = 1_700_000_000L * Timebase.HZ;
    private static final long DUR = 2 * Timebase.HZ;
    private static final InitSegment V1 = new InitSegment(1, List.of(), new byte[] {'v', '1'});
    private static final InitSegment V2 = new InitSegment(2, List.of(), new byte[] {'v', '2'});

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final SegmentStore store = new SegmentStore(10);
    private final AtomicInteger keepAlives = new AtomicInteger();
    private final WrittenMessages written = new WrittenMessages(channel);

    private void write(long n, InitSegment init) {
        store.start(new Segment(n, T0 + n * DUR, init, false));
        store.appendChunk(new byte[] {(byte) n, 'a'});
        store.appendChunk(new byte[] {(byte) n, 'b'});
        store.closeGrowing(DUR);
    }

    private SegmentPush push(long from) {
        SegmentPush p = new SegmentPush("news", "peer", store, TestReplies.on(channel), new M4fEncoder(WrittenMessages.SESSION), from,
                keepAlives::incrementAndGet);
        p.start(M4fMessage.hello("{\"version\":2}"));
        return p;
    }

    /** Everything sent since the last call, as "type:fields" lines. */
    private List<String> sent() throws Exception {
        List<String> out = new ArrayList<>();
        for (M4fMessage m : written.next()) {
            ByteBuffer b = m.body();
            out.add(switch (m.type()) {
                case 'H' -> "H:" + new String(m.payload());
                case 'I' -> "I:" + b.getInt() + ":" + new String(m.payload(), 4, m.payload().length - 4);
                case 'S' -> "S:" + b.getLong() + ":" + (b.getLong() - T0) / DUR + ":" + b.getInt() + ":" + b.get();
                case 'C' -> "C:" + b.getLong() + ":" + (m.payload().length - 8) + ":" + (char) m.payload()[9];
                case 'E' -> "E:" + b.getLong() + ":" + b.getLong();
                case 'A' -> "A:" + b.getLong();
                default -> String.valueOf(m.type());
            });
        }
        return out;
    }

    @Test
    void joinSendsHelloInitsClosedSegmentsFromTheAskedNumberAndTheGrowingOneSoFar() throws Exception {
        store.setInit(V1);
        write(0, V1);
        write(1, V1);
        store.setInit(V2);
        write(2, V2);
        store.start(new Segment(3, T0 + 3 * DUR, V2, true));
        store.appendChunk(new byte[] {3, 'a'});

        push(1);

        assertThat(sent()).containsExactly("H:{\"version\":2}",
                "I:1:v1", "S:1:1:1:0", "C:1:4:a", "E:1:" + DUR,
                "I:2:v2", "S:2:2:2:0", "C:2:4:a", "E:2:" + DUR,
                "S:3:3:2:1", "C:3:2:a");
    }

    @Test
    void closedSegmentsAreSentAsOneChunkOfTheirExactBytes() throws Exception {
        store.setInit(V1);
        write(0, V1);
        push(0);

        List<byte[]> chunks = new ArrayList<>();
        for (M4fMessage m : written.next()) {
            if (m.type() == 'C') {
                chunks.add(java.util.Arrays.copyOfRange(m.payload(), 8, m.payload().length));
            }
        }
        assertThat(chunks).singleElement().isEqualTo(store.byNumber(0).orElseThrow().bytes());
    }

    @Test
    void liveEventsFollowTheBacklog() throws Exception {
        store.setInit(V1);
        write(0, V1);
        push(5);
        assertThat(sent()).containsExactly("H:{\"version\":2}", "I:1:v1");

        store.start(new Segment(1, T0 + DUR, V1, false));
        store.appendChunk(new byte[] {1, 'x'});
        store.abortGrowing();
        store.setInit(V2);
        store.start(new Segment(1, T0 + DUR, V2, false));
        store.appendChunk(new byte[] {1, 'y'});
        store.closeGrowing(DUR);

        assertThat(sent()).containsExactly("S:1:1:1:0", "C:1:2:x", "A:1", "I:2:v2", "S:1:1:2:0", "C:1:2:y",
                "E:1:" + DUR);
    }

    @Test
    void pingsEverySecondAndKeepsTheSourceStreamWanted() throws Exception {
        store.setInit(V1);
        push(-1);
        sent();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(sent()).containsExactly("P");
        assertThat(keepAlives.get()).isEqualTo(1);
    }

    @Test
    void nothingIsSentOnceThePeerHasGone() throws Exception {
        store.setInit(V1);
        push(-1);
        sent();

        channel.close();
        write(0, V1);

        assertThat(sent()).isEmpty();
    }
}
