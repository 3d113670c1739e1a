package io.cascade.rtmpstream;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.rtmp.RtmpLimits;
import io.cascade.rtmp.RtmpPuller;
import io.cascade.rtmp.RtmpUrl;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code input rtmp://host[:port]/app/name}: plays the stream from another RTMP server for as long
 * as that server sends it. The end of the pull, for any reason, is a failure of the input, so the
 * supervisor reconnects with its backoff or fails over to the next input.
 */
public final class RtmpPullInput implements Input {
    private final String url;
    private final RtmpUrl target;
    private final RtmpLimits limits;

    /** @throws IllegalArgumentException when {@code url} is not an rtmp://host/app/name URL */
    public RtmpPullInput(String url) {
        this(url, RtmpLimits.DEFAULT);
    }

    public RtmpPullInput(String url, RtmpLimits limits) {
        this.url = url;
        this.target = RtmpUrl.parse(url);
        this.limits = limits;
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
    public void run(MediaSink sink) throws IOException, InterruptedException {
        MediaQueue queue = new MediaQueue("RTMP pull " + target);
        try (RtmpPuller puller = new RtmpPuller(target, queue, limits, null)) {
            awaitStart(puller);
            queue.deliverTo(sink);
        }
        throw new IOException("RTMP pull from " + target + " ended");
    }

    private void awaitStart(RtmpPuller puller) throws IOException, InterruptedException {
        try {
            puller.start().get(limits.handshakeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (TimeoutException e) {
            throw new IOException("no playback from " + target + " in time");
        }
    }
}
