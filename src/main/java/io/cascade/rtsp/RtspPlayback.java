package io.cascade.rtsp;

import java.util.Map;

/** One PLAY of a session: where each track's packets start, and the way to stop them. */
public interface RtspPlayback {
    /**
     * By track index, the sequence number and RTP timestamp of the first packet the viewer gets,
     * for those known now (the viewer starts on a cached keyframe); the rest start later.
     */
    Map<Integer, long[]> rtpInfo();

    /** Sends what was held since {@link RtspMedia#play} and everything after it. */
    void start();

    void stop();
}
