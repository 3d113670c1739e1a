package io.cascade.cluster;

import io.cascade.config.SourceConfig;

import java.util.List;

/**
 * A stream the restreamer takes from its sources: static (white list) or on demand (gray list),
 * with one {@code m4f://} input per source that offers it, in config order, and the options of
 * the first source block that offers it.
 */
public record ClusterStream(String name, boolean isStatic, List<String> inputs, SourceConfig source) {
    public ClusterStream {
        inputs = List.copyOf(inputs);
    }
}
