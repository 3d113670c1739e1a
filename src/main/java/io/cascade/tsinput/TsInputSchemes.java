package io.cascade.tsinput;

import io.cascade.input.Input;
import io.cascade.input.InputFactory;

import java.util.function.Function;

/** Registers {@code udp://} and {@code tshttp://}; a URL that cannot be used fails only its input, with the reason. */
public final class TsInputSchemes {
    private TsInputSchemes() {
    }

    public static void register(InputFactory factory) {
        factory.register("udp", (stream, url) -> make(url, UdpInput::new));
        factory.register("tshttp", (stream, url) -> make(url, TsHttpInput::new));
    }

    public static Input make(String url, Function<String, Input> maker) {
        try {
            return maker.apply(url);
        } catch (IllegalArgumentException e) {
            return InputFactory.failing(url, e.getMessage());
        }
    }
}
