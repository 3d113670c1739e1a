package io.cascade.cluster;

/** A stream as a source lists it. */
public record RemoteStream(String name, boolean isStatic, boolean alive) {
}
