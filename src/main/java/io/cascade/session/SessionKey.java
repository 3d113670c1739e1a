package io.cascade.session;

/** Stream + address + protocol (+ token when the viewer sent one): one viewer of HTTP playlists. */
public record SessionKey(String stream, String ip, String proto, String token) {
}
