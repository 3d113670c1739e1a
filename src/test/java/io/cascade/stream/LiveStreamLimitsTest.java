package io.cascade.stream;

import io.cascade.config.ConfigLoader;
import io.cascade.config.StreamConfig;
import io.cascade.input.Input;
import io.cascade.input.InputFactory;
import io.cascade.input.MediaSink;
import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.Timebase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cascade.stream.SyntheticTracks.VIDEO;
import static io.cascade.stream.SyntheticTracks.video;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream cuts an input that feeds it over max_bitrate, counts it, and takes the next run's
 * media; a window left far in the future by a faulty source does not keep the next input there.
 */
class LiveStreamLimitsTest {

    /** The first run floods (1 MB frames as fast as it can), later runs send 25 small frames a second. */
    private static final class FloodThenNormal implements Input {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String url() {
            return "flood://";
        }

        @Override
        public void run(MediaSink sink) throws InterruptedException {
            boolean flood = runs.incrementAndGet() == 1;
            sink.onTracks(List.of(VIDEO));
            long frame = Timebase.HZ / 25;
            for (int i = 0; i < 25 * 60; i++) {
                sink.onFrame(video(i * frame, frame, i % 25 == 0, flood ? 1_000_000 : 1_000));
                if (!flood) {
                    Thread.sleep(40);
                }
            }
        }
    }

    @Test
    void anInputOverMaxBitrateIsCutCountedAndTheNextRunMakesSegments() throws Exception {
        FloodThenNormal input = new FloodThenNormal();
        InputFactory inputs = new InputFactory(Path.of("."));
        inputs.register("udp", (name, url) -> input);
        StreamConfig config = ConfigLoader.parse("segment_duration 1; stream cam { input udp://flood; }", "t.conf")
                .streams().getFirst();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (StreamRegistry registry = new StreamRegistry(60_000, meters)) {
            LiveStream stream = new LiveStream(config, 1, 5, 8_000_000, inputs);
            registry.add(stream);
            await("the flood to be cut", () -> stream.inputsCutForBitrate() == 1);
            FunctionCounter counter = meters.find(StreamRegistry.INPUTS_CUT).tag("stream", "cam").functionCounter();
            assertThat(counter).isNotNull();
            assertThat(counter.count()).isEqualTo(1.0);
            assertThat(stream.store().closedSegments()).allMatch(s -> s.size() <= 2 * 1_000_000 * 1.5);
            await("segments from the next run", () -> input.runs.get() >= 2 && stream.store().closedSegments().stream()
                    .anyMatch(s -> s.size() < 100_000));
            assertThat(stream.inputsCutForBitrate()).isEqualTo(1);
        }
        assertThat(meters.find(StreamRegistry.INPUTS_CUT).functionCounter()).as("gone with its stream").isNull();
    }

    @Test
    void aWindowFarInTheFutureIsDroppedAndTheNextInputStartsAtNow() throws Exception {
        FloodThenNormal input = new FloodThenNormal();
        input.runs.set(1); // no flood: a normal input from the start
        InputFactory inputs = new InputFactory(Path.of("."));
        inputs.register("udp", (name, url) -> input);
        StreamConfig config = ConfigLoader.parse("stream cam { input udp://x; }", "t.conf").streams().getFirst();
        LiveStream stream = new LiveStream(config, 1, 5, 8_000_000, inputs);
        InitSegment peers = new InitSegment(7, List.of(VIDEO), new byte[] {1});
        stream.store().setInit(peers);
        long future = Timebase.now() + 3L * 24 * 3600 * Timebase.HZ;
        stream.store().addComplete(Segment.complete(stream.store().lastNumber() + 1_000, future, 2_592_000L * Timebase.HZ,
                peers, false, new byte[] {2}));
        try (StreamRegistry registry = new StreamRegistry(60_000)) {
            registry.add(stream);
            await("a segment of the input", () -> !stream.store().closedSegments().isEmpty()
                    && stream.store().closedSegments().getLast().init() != peers);
            long now = Timebase.now();
            assertThat(stream.store().closedSegments()).allMatch(s -> Math.abs(s.startDts() - now) < 10 * Timebase.HZ);
            assertThat(stream.store().closedSegments().getFirst().discontinuity()).isTrue();
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
