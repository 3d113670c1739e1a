package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class InputSupervisorTest {
    private static final MediaSink SINK = new MediaSink() {
        @Override
        public void onTracks(List<Track> tracks) {
        }

        @Override
        public void onFrame(Frame frame) {
        }

        @Override
        public SegmentSink segments() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void anInputThatDiesOfAnErrorIsStartedAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(3);
        Input dying = new Input() {
            @Override
            public String url() {
                return "publish://";
            }

            @Override
            public void run(MediaSink sink) throws InterruptedException {
                third.countDown();
                switch (runs.incrementAndGet()) {
                    case 1 -> throw new OutOfMemoryError("Java heap space");
                    case 2 -> throw new StackOverflowError();
                    default -> Thread.sleep(60_000);
                }
            }
        };
        List<Input> switches = new CopyOnWriteArrayList<>();
        InputSupervisor supervisor = new InputSupervisor("s", List.of(dying), SINK, switches::add);
        supervisor.start();
        try {
            assertThat(third.await(10, TimeUnit.SECONDS)).as("run again after each Error").isTrue();
            assertThat(supervisor.isRunning()).isTrue();
            assertThat(supervisor.active()).isSameAs(dying);
        } finally {
            supervisor.stop();
        }
    }

    @Test
    void aStreamThatThrowsWhenTheInputSwitchesDoesNotStopTheSupervisor() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        Input ending = new Input() {
            @Override
            public String url() {
                return "file://x";
            }

            @Override
            public void run(MediaSink sink) {
                twice.countDown();
            }
        };
        InputSupervisor supervisor = new InputSupervisor("s", List.of(ending), SINK, input -> {
            throw new IllegalStateException("segmenter broke");
        });
        supervisor.start();
        try {
            assertThat(twice.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            supervisor.stop();
        }
    }

    @Test
    void aRestartWaitsForTheStoppedRunToFinish() throws Exception {
        // The first run ignores its interrupt for a while, as an input busy in a frame would.
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        Input slowToStop = new Input() {
            @Override
            public String url() {
                return "file://x";
            }

            @Override
            public void run(MediaSink sink) throws InterruptedException {
                if (runs.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    throw new InterruptedException();
                }
                secondStarted.countDown();
                Thread.sleep(60_000);
            }
        };
        InputSupervisor supervisor = new InputSupervisor("s", List.of(slowToStop), SINK,
                input -> events.add(input == null ? "stopped" : "started"));
        supervisor.start();
        try {
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            supervisor.stop();
            supervisor.start();
            assertThat(secondStarted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).as("the old run ends before the new one starts")
                    .containsExactly("started", "stopped", "started");
        } finally {
            supervisor.stop();
        }
    }
}
