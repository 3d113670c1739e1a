package io.cascade.hlspull;

import io.cascade.input.InputFactory;
import io.cascade.tsinput.TsInputSchemes;

/** Registers {@code hls://}; a URL that cannot be used fails only its input, with the reason. */
public final class HlsScheme {
    private HlsScheme() {
    }

    public static void register(InputFactory factory) {
        factory.register("hls", (stream, url) -> TsInputSchemes.make(url, HlsPullInput::new));
    }
}
