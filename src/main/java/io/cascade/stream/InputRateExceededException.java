package io.cascade.stream;

/** An input fed its stream faster than {@code max_bitrate} allows; its run is cut. */
public final class InputRateExceededException extends RuntimeException {
    public InputRateExceededException(String message) {
        super(message);
    }
}
