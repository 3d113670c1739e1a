package io.cascade.codec;

/**
 * Raised when codec bytes (a NAL unit, a configuration record, an ADTS header) are malformed or
 * truncated. Unchecked because it signals bad input data, which callers typically handle by
 * dropping one unit, not by propagating.
 */
public class CodecFormatException extends RuntimeException {
    public CodecFormatException(String message) {
        super(message);
    }
}
