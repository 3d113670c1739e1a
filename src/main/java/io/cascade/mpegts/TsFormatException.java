package io.cascade.mpegts;

import io.cascade.media.MediaFormatException;

/**
 * Raised by {@link TsDemuxer#feed} when the input is not a transport stream at all (no packet
 * sync for a long stretch). Single corrupt packets or PES are dropped silently, only a stream
 * that is plainly not MPEG-TS fails. The demuxer stays usable after it and resynchronises on
 * later input.
 */
public class TsFormatException extends MediaFormatException {
    public TsFormatException(String message) {
        super(message);
    }

    public TsFormatException(String what, long offset, String expected) {
        super(what, offset, expected);
    }
}
