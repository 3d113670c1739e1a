package io.cascade.rtp;

import java.util.List;
import java.util.Optional;

/**
 * One track's RTP payload format, read back: packets in sequence order in, whole frames out.
 * A frame that lost a packet is never delivered; video then waits for its next keyframe.
 */
public interface RtpDepacketizer {
    /** A video frame larger than this is no camera's: it is dropped. */
    int MAX_FRAME_BYTES = 8 << 20;

    /**
     * Takes the next packet.
     *
     * @param afterLoss true when packets before this one were lost
     * @return the frames this packet completes, usually none or one
     */
    List<AccessUnit> push(RtpPacket packet, boolean afterLoss);

    /**
     * The codec configuration (avcC, hvcC, AudioSpecificConfig) once known: from the SDP or the
     * parameter sets seen in band. It may change before a keyframe.
     */
    Optional<byte[]> config();

    /**
     * The source restarted (a new SSRC): a frame in progress is dropped, and video waits for a
     * keyframe, but the next packet is a clean start.
     */
    void resync();

    /** Frames dropped because a packet of theirs was lost or malformed. */
    long framesDropped();
}
