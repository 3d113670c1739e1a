package io.cascade.rtmpstream;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;

/**
 * {@code input publish://}: waits for a publisher of its stream and delivers its media until it
 * goes; then the input ends and the supervisor starts it again to wait for the next one. Each
 * publisher is a new input run, so the stream's timeline re-anchors and goes on without a step
 * back.
 */
public final class PublishInput implements Input {
    private final String url;
    private final PublishPoints.Slot slot;

    PublishInput(String url, PublishPoints.Slot slot) {
        this.url = url;
        this.slot = slot;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void run(MediaSink sink) throws InterruptedException {
        MediaQueue publisher = slot.await();
        try {
            publisher.deliverTo(sink);
        } catch (RuntimeException | Error e) {
            // The stream refused this publisher's media (over max_bitrate, or it broke the stream):
            // the publisher is cut, and the slot waits for the next one.
            publisher.abandon();
            slot.finished(publisher);
            throw e;
        }
        slot.finished(publisher);
    }
}
