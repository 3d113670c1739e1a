package io.cascade.media;

/**
 * One access unit: a video picture or an audio frame.
 *
 * <p>Video payloads are NAL units each prefixed by a 4-byte big-endian length (the MP4 form),
 * never Annex B start codes; AAC payloads are raw access units without ADTS headers. The payload
 * array is shared, never copied, and must not be changed after the frame is made.
 *
 * @param trackId   the {@link Track#id()} this frame belongs to
 * @param dts       decode time, 90 kHz ticks (UTC since the epoch once on a stream's timeline)
 * @param pts       presentation time, same clock
 * @param duration  90 kHz ticks until the next frame of the track, 0 when not known
 * @param keyframe  true for a random access point (IDR / CRA; every AAC frame)
 * @param data      the payload
 */
public record Frame(int trackId, long dts, long pts, long duration, boolean keyframe, byte[] data) {

    /** The same frame moved by {@code delta} ticks. */
    public Frame shifted(long delta) {
        return new Frame(trackId, dts + delta, pts + delta, duration, keyframe, data);
    }

    public Frame withDuration(long newDuration) {
        return new Frame(trackId, dts, pts, newDuration, keyframe, data);
    }

    public Frame withTrackId(int newTrackId) {
        return new Frame(newTrackId, dts, pts, duration, keyframe, data);
    }

    public int size() {
        return data.length;
    }
}
