package io.cascade.rtspinput;

import io.cascade.input.Input;
import io.cascade.input.InputFactory;

import java.util.Map;

/** Makes {@code rtsp://} inputs; register it with {@link InputFactory#register}. */
public final class RtspPullScheme implements InputFactory.Scheme {
    public static final String SCHEME = "rtsp";

    @Override
    public Input create(String streamName, String url) {
        return create(streamName, url, Map.of());
    }

    @Override
    public Input create(String streamName, String url, Map<String, String> options) {
        try {
            return new RtspPullInput(url, options);
        } catch (IllegalArgumentException e) {
            return new BrokenInput(e.getMessage());
        }
    }

    /** An input whose URL or options cannot work: it fails at once with the reason. */
    private record BrokenInput(String reason) implements Input {
        @Override
        public String url() {
            return "rtsp://";
        }

        @Override
        public void run(io.cascade.input.MediaSink sink) throws java.io.IOException {
            throw new java.io.IOException(reason);
        }
    }
}
