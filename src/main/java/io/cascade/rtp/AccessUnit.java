package io.cascade.rtp;

/**
 * One frame a depacketizer has put back together.
 *
 * @param timestamp the RTP timestamp (32-bit, the payload format's clock)
 * @param data      video: NAL units each behind a 4-byte length, parameter sets taken out; AAC: the raw unit
 * @param keyframe  a random access point (always true for audio)
 */
public record AccessUnit(long timestamp, byte[] data, boolean keyframe) {
}
