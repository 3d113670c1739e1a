package io.cascade.rtsp;

import io.cascade.rtp.SessionDescription;

import java.util.List;
import java.util.Set;

/** One viewer connection's handle on a playable stream. */
public interface RtspMedia {
    /** The SDP of the stream; its media sections are in track index order. */
    SessionDescription description(String serverAddress);

    /** The control of each track ({@code trackID=N}), by track index. */
    List<String> controls();

    /**
     * Starts sending the given tracks (indexes into {@link #controls()}) to {@code sink}; the
     * packets are held until {@link RtspPlayback#start()}, so the PLAY response goes first.
     */
    RtspPlayback play(RtpSink sink, Set<Integer> tracks);

    /** The connection is done with this media (closed or moved on). */
    void release();
}
