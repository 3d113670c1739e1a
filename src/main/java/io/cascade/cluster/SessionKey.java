package io.cascade.cluster;

/** A session across the cluster: the server the viewer watches on, and the session's id there. */
public record SessionKey(String server, String id) {
}
