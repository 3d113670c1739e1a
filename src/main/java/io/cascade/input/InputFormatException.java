package io.cascade.input;

import java.io.IOException;

/** The input's bytes are not what its format promises; retrying the same bytes will not help. */
public final class InputFormatException extends IOException {
    public InputFormatException(String message) {
        super(message);
    }

    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
