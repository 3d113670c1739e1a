package io.cascade.mpegts;

/**
 * Raised by {@link TsDemuxer#feed} when the input is not a transport stream at all (no packet
 * sync for a long stretch). Unchecked like {@link io.cascade.codec.CodecFormatException}: single
 * corrupt packets or PES are dropped silently, only a stream that is plainly not MPEG-TS fails.
 * The demuxer stays usable after it and resynchronises on later input.
 */
public class TsFormatException extends RuntimeException {
    public TsFormatException(String message) {
        super(message);
    }
}
