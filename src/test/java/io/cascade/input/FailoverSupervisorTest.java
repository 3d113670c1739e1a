package io.cascade.input;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor with inputs that the test turns on and off: timeouts, priority, the backup. */
class FailoverSupervisorTest {
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[0], 320, 240, 25);

    /** A pulled input that sends 25 fps video (a keyframe each 5th frame) while {@code on}, nothing otherwise. */
    static final class Switchable implements Input {
        final String url;
        volatile boolean on = true;

        Switchable(String url) {
            this.url = url;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public boolean pulled() {
            return true;
        }

        @Override
        public void run(MediaSink sink) throws InterruptedException {
            sink.onTracks(List.of(VIDEO));
            long dts = 0;
            for (int i = 0; ; i++) {
                Thread.sleep(40);
                if (on) {
                    sink.onFrame(new Frame(1, dts, dts, 3600, i % 5 == 0, new byte[] {(byte) i}));
                    dts += 3600;
                }
            }
        }
    }

    /** Who fed the stream, in order: each input's URL once per run of frames. */
    static final class Recording implements MediaSink {
        final List<String> switches = new CopyOnWriteArrayList<>();
        volatile String feeding;
        volatile Input switchedTo;

        @Override
        public void onTracks(List<Track> tracks) {
        }

        @Override
        public void onFrame(Frame frame) {
            Input in = switchedTo;
            feeding = in == null ? "nobody" : in.url();
        }

        void switched(Input in) {
            switchedTo = in;
            switches.add(in == null ? "-" : in.url());
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException();
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aSilentInputFailsOverAfterItsTimeoutAndIsTakenBackWhenItSendsAgain() throws Exception {
        Switchable main = new Switchable("udp://main");
        Switchable spare = new Switchable("udp://spare");
        Recording sink = new Recording();
        InputSupervisor s = new InputSupervisor("s", List.of(
                new ConfiguredInput(spare, new InputOptions(Duration.ofSeconds(1), 2)),
                new ConfiguredInput(main, new InputOptions(Duration.ofSeconds(1), 1))),
                sink, sink::switched, System::nanoTime);
        s.start();
        try {
            await(Duration.ofSeconds(3), "the preferred input first", () -> "udp://main".equals(sink.feeding));
            main.on = false;
            long silent = System.nanoTime();
            await(Duration.ofSeconds(8), "failover", () -> "udp://spare".equals(sink.feeding));
            double took = (System.nanoTime() - silent) / 1e9;
            assertThat(took).as("seconds from silence to failover").isBetween(0.9, 4.0);
            assertThat(s.stats("udp://main").lastError()).contains("source_timeout");
            main.on = true;
            long back = System.nanoTime();
            await(Duration.ofSeconds(15), "the preferred input taken back", () -> "udp://main".equals(sink.feeding));
            assertThat((System.nanoTime() - back) / 1e9).as("seconds to take the preferred input back").isLessThan(10);
            assertThat(s.active()).isSameAs(main);
        } finally {
            s.stop();
        }
    }

    @Test
    void theBackupPlaysWhileEveryInputIsDownAndStopsWhenOneIsBack() throws Exception {
        Switchable main = new Switchable("udp://main");
        Switchable file = new Switchable("file://slate.mp4");
        Recording sink = new Recording();
        InputSupervisor s = new InputSupervisor("s", List.of(
                new ConfiguredInput(main, new InputOptions(Duration.ofSeconds(1), 1))),
                sink, sink::switched, System::nanoTime);
        s.setBackup(file, Duration.ofMillis(500));
        s.start();
        try {
            await(Duration.ofSeconds(3), "the input", () -> "udp://main".equals(sink.feeding));
            main.on = false;
            await(Duration.ofSeconds(3), "the backup", () -> "file://slate.mp4".equals(sink.feeding));
            assertThat(s.playingBackup()).isTrue();
            assertThat(s.active()).isSameAs(file);
            main.on = true;
            await(Duration.ofSeconds(6), "the input back", () -> "udp://main".equals(sink.feeding));
            assertThat(s.playingBackup()).isFalse();
            Thread.sleep(300);
            assertThat(sink.feeding).as("the backup feeds no more").isEqualTo("udp://main");
            // Every switch ends the part before it: never two feeders at once.
            String before = "-";
            for (String sw : sink.switches) {
                if (!sw.equals("-")) {
                    assertThat(before).as("switches " + sink.switches).isEqualTo("-");
                }
                before = sw;
            }
            assertThat(sink.switches).containsSubsequence("udp://main", "-", "file://slate.mp4", "-", "udp://main");
        } finally {
            s.stop();
        }
    }

    @Test
    void aBackupThatCannotPlayLeavesTheStreamToItsInputs() throws Exception {
        Switchable main = new Switchable("udp://main");
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        Input missing = new Input() {
            @Override
            public String url() {
                return "file://missing.mp4";
            }

            @Override
            public void run(MediaSink sink) throws java.io.IOException {
                tries.incrementAndGet();
                throw new java.io.IOException("no such file: missing.mp4");
            }
        };
        Recording sink = new Recording();
        InputSupervisor s = new InputSupervisor("s", List.of(
                new ConfiguredInput(main, new InputOptions(Duration.ofSeconds(5), 1))),
                sink, sink::switched, System::nanoTime);
        s.setBackup(missing, Duration.ofMillis(300));
        main.on = false;
        s.start();
        try {
            await(Duration.ofSeconds(3), "a try of the backup", () -> tries.get() == 1);
            await(Duration.ofSeconds(1), "the backup given up", () -> !s.playingBackup());
            main.on = true;
            await(Duration.ofSeconds(3), "the input", () -> "udp://main".equals(sink.feeding));
            Thread.sleep(1000);
            assertThat(tries.get()).as("tries within the retry pause").isEqualTo(1);
        } finally {
            s.stop();
        }
    }
}
