package io.cascade.dvrhttp;

import io.cascade.dvr.Archive;

import java.util.Optional;

/** Finds a stream's archive by name: the local DVR's, or one a cluster source serves. */
@FunctionalInterface
public interface Archives {
    Optional<Archive> of(String streamName);
}
