package io.cascade.tsout;

import io.cascade.media.InitSegment;
import io.cascade.media.Segment;
import io.cascade.media.SegmentStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveSegmentsTest {
    private static final InitSegment INIT = new InitSegment(1, List.of(), new byte[] {1});
    private final SegmentStore store = new SegmentStore(5);

    private void close(long number) {
        store.addComplete(Segment.complete(number, number * 180_000, 180_000, INIT, false, new byte[] {1}));
    }

    @Test
    void waitsForTheFirstSegmentThenFollowsInOrder() throws Exception {
        LiveSegments source = new LiveSegments(store, LiveSegments.NEWEST, 2, Runnable::run);
        CompletableFuture<Segment> first = source.next();
        assertThat(first).isNotDone();
        close(7);
        assertThat(first.get().number()).isEqualTo(7);
        CompletableFuture<Segment> second = source.next();
        assertThat(second).isNotDone();
        close(8);
        assertThat(second.get().number()).isEqualTo(8);
        assertThat(source.skipped()).isZero();
    }

    @Test
    void startsAtAGivenSegmentOrTheOldestKept() throws Exception {
        for (long n = 1; n <= 8; n++) {
            close(n);
        }
        assertThat(new LiveSegments(store, 6, 9, Runnable::run).next().get().number()).isEqualTo(6);
        assertThat(new LiveSegments(store, 1, 9, Runnable::run).next().get().number()).isEqualTo(4);
        assertThat(new LiveSegments(store, LiveSegments.NEWEST, 9, Runnable::run).next().get().number()).isEqualTo(8);
    }

    @Test
    void aReceiverTooFarBehindSkipsToTheNewest() throws Exception {
        close(1);
        LiveSegments source = new LiveSegments(store, LiveSegments.NEWEST, 2, Runnable::run);
        assertThat(source.next().get().number()).isEqualTo(1);
        close(2);
        close(3);
        assertThat(source.next().get().number()).as("one behind the newest is kept").isEqualTo(2);
        close(4);
        close(5);
        close(6);
        assertThat(source.next().get().number()).isEqualTo(6);
        assertThat(source.skipped()).isEqualTo(3);
    }

    @Test
    void closingEndsAWaitingReceiverAndStopsListening() {
        LiveSegments source = new LiveSegments(store, LiveSegments.NEWEST, 2, Runnable::run);
        CompletableFuture<Segment> waiting = source.next();
        source.close();
        assertThatThrownBy(waiting::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancellationException.class);
        assertThat(source.next()).isCompletedExceptionally();
    }
}
