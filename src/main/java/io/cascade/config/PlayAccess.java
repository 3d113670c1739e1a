package io.cascade.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may play a stream, beside its {@code on_play} URL: whether viewers get in when that
 * backend cannot answer ({@code on_play URL allow_default;}), and which protocols serve it
 * ({@code protocols -rtsp -mpegts;} or {@code protocols hls dash;}).
 *
 * @param allowDefault true to let new viewers in while the backend is down, slow or failing
 * @param protocols    the protocol names that may serve the stream (see {@link #PROTOCOLS})
 */
public record PlayAccess(boolean allowDefault, Set<String> protocols) {
    /** Every protocol a viewer can play over; {@code mpegts} is HTTP MPEG-TS. */
    public static final Set<String> PROTOCOLS = Set.of("hls", "dash", "rtmp", "rtsp", "mpegts");
    /** No backend fallback, every protocol on. */
    public static final PlayAccess OPEN = new PlayAccess(false, PROTOCOLS);

    public PlayAccess {
        protocols = Set.copyOf(protocols);
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("unknown protocol '" + p + "'");
            }
        }
    }

    public PlayAccess withAllowDefault(boolean allow) {
        return new PlayAccess(allow, protocols);
    }

    public PlayAccess withProtocols(Set<String> allowed) {
        return new PlayAccess(allowDefault, allowed);
    }

    /**
     * True when the stream may be played over {@code proto}, a session protocol name
     * ({@code tshttp} is HTTP MPEG-TS, as the authorization backend calls it).
     */
    public boolean allows(String proto) {
        return protocols.contains(directiveName(Objects.requireNonNull(proto)));
    }

    /** The name a {@code protocols} directive uses for a session protocol name. */
    public static String directiveName(String proto) {
        String p = proto.toLowerCase(Locale.ROOT);
        return p.equals("tshttp") ? "mpegts" : p;
    }
}
