package io.cascade.tsout;

import io.cascade.media.Timebase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramPacerTest {
    private static final long MS = 1_000_000;

    /** A clock that moves only when the pacer sleeps (or the test says so), recording each datagram's time. */
    static final class FakeClock implements DatagramPacer.Clock {
        long now = 1_000 * MS;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long nanos) {
            now = Math.max(now, nanos);
        }
    }

    record Sent(long at, int bytes) {
    }

    private final FakeClock clock = new FakeClock();
    private final List<Sent> sent = new ArrayList<>();
    private final DatagramPacer pacer = new DatagramPacer(clock, d -> sent.add(new Sent(clock.now, d.remaining())));

    private static byte[] packets(int n) {
        return new byte[n * DatagramPacer.PACKET];
    }

    @Test
    void thirtySecondsOfUnevenSegmentsNeverPutTwiceTheAverageInto100Ms() throws Exception {
        Random random = new Random(7);
        long tick = 123_456_789L;
        long total = 0;
        long ticks = 0;
        for (int i = 0; i < 15; i++) { // 2 s segments, 0.7x to 1.3x of 1 Mbit/s
            long duration = 2 * Timebase.HZ + random.nextInt(9) * 3600 - 4 * 3600;
            int n = (int) (1_000_000 / 8 / 188 * 2 * (0.7 + 0.6 * random.nextDouble()));
            pacer.send(packets(n), tick, duration, false);
            tick += duration;
            ticks += duration;
            total += n;
        }
        assertThat(sent).allMatch(s -> s.bytes() == 7 * 188);
        assertThat(sent.size()).isEqualTo((int) (total / 7));
        long first = sent.getFirst().at();
        long last = sent.getLast().at();
        double averagePer100Ms = sent.size() * 1316.0 / ((last - first) / (100.0 * MS));
        int j = 0;
        for (int i = 0; i < sent.size(); i++) {
            while (sent.get(i).at() - sent.get(j).at() >= 100 * MS) {
                j++;
            }
            assertThat((i - j + 1) * 1316.0).as("bytes in the 100 ms up to datagram %d", i)
                    .isLessThanOrEqualTo(2 * averagePer100Ms);
        }
        long streamNanos = ticks * 1_000_000_000L / Timebase.HZ;
        assertThat(last - first).as("sent over the stream's own 30 s").isBetween(streamNanos - 30 * MS, streamNanos);
        assertThat(pacer.reanchors()).isEqualTo(1);
    }

    @Test
    void aSegmentThatComesLateGoesOnFromNowInsteadOfBursting() throws Exception {
        pacer.send(packets(700), 0, Timebase.HZ, false);
        clock.now += 500 * MS; // the next segment comes half a second after its window began
        long came = clock.now;
        sent.clear();
        pacer.send(packets(700), Timebase.HZ, Timebase.HZ, false);
        assertThat(sent.getFirst().at() - came).isLessThan(20 * MS);
        assertThat(sent.getLast().at() - came).isGreaterThan(980 * MS);
        assertThat(pacer.reanchors()).isEqualTo(2);
    }

    @Test
    void aSenderHeldUpMidSegmentGoesOnAtThePaceInsteadOfSendingWhatItOwesAtOnce() throws Exception {
        DatagramPacer.Clock stalling = new DatagramPacer.Clock() {
            int sleeps;

            @Override
            public long nanoTime() {
                return clock.now;
            }

            @Override
            public void sleepUntil(long nanos) {
                clock.now = Math.max(clock.now, nanos) + (++sleeps == 20 ? 300 * MS : 0);
            }
        };
        DatagramPacer held = new DatagramPacer(stalling, d -> sent.add(new Sent(clock.now, d.remaining())));
        held.send(packets(700), 0, Timebase.HZ, false); // 100 datagrams over 1 s
        held.send(packets(700), Timebase.HZ, Timebase.HZ, false); // and the next segment right after
        assertThat(held.reanchors()).as("the next segment follows on, later by the pause").isEqualTo(1);
        for (int i = 21; i < sent.size(); i++) {
            assertThat(sent.get(i).at() - sent.get(i - 1).at()).as("gap before datagram %d", i).isGreaterThan(9 * MS);
        }
        assertThat(sent.getLast().at() - sent.getFirst().at()).isBetween(2_250 * MS, 2_300 * MS);
    }

    @Test
    void aJumpOfTheTimelineStartsANewWindowNowAndPartialDatagramsWaitForMorePackets() throws Exception {
        pacer.send(packets(10), 0, Timebase.HZ, false);
        assertThat(sent).hasSize(1);
        long before = clock.now;
        pacer.send(packets(4), Timebase.HZ * 3600 * 5, Timebase.HZ, true);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).at() - before).as("no wait for a window hours away").isLessThan(1_000 * MS);
        assertThat(pacer.reanchors()).isEqualTo(2);
    }
}
