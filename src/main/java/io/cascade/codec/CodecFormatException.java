package io.cascade.codec;

import io.cascade.media.MediaFormatException;

/**
 * Codec bytes (a NAL unit, a configuration record, an ADTS header, an AAC raw block) that are
 * malformed or truncated. Callers typically drop the one unit and carry on.
 */
public class CodecFormatException extends MediaFormatException {
    public CodecFormatException(String message) {
        super(message);
    }

    public CodecFormatException(String what, long offset, String expected) {
        super(what, offset, expected);
    }
}
