package io.cascade.input;

/** An input with the options its config line gave it. */
public record ConfiguredInput(Input input, InputOptions options) {
}
