package io.cascade.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One {@code push udp://HOST:PORT[?ttl=N&multicast_loop=0|1&iface=NAME_OR_ADDRESS]} of a stream:
 * the stream sent as MPEG-TS datagrams to that address.
 *
 * @param url           the URL exactly as written
 * @param host          the host name or address (an IPv6 address without its brackets); resolved when the push starts
 * @param port          the UDP port
 * @param ttl           multicast time to live, when given (the system's default otherwise)
 * @param multicastLoop whether this host's own multicast receivers get the datagrams too
 * @param iface         the interface (name or one of its addresses) multicast leaves by, when given
 */
public record PushConfig(String url, String host, int port, OptionalInt ttl, boolean multicastLoop,
                         Optional<String> iface) {
    public static final List<String> OPTIONS = List.of("ttl", "multicast_loop", "iface");
    private static final String SCHEME = "udp://";
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:%-]{1,64}");
    private static final Pattern TTL = Pattern.compile("[0-9]{1,3}");

    public PushConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(iface, "iface");
    }

    /** Parses a push URL; the exception message says what is wrong with it. */
    public static PushConfig parse(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            int sep = url.indexOf("://");
            throw new IllegalArgumentException(sep > 0
                    ? "unsupported push scheme '" + url.substring(0, sep) + "'; only udp:// is supported"
                    : "push URL '" + url + "' must look like udp://HOST:PORT");
        }
        String rest = url.substring(SCHEME.length());
        int q = rest.indexOf('?');
        String address = q < 0 ? rest : rest.substring(0, q);
        if (!address.contains("]:") && (address.startsWith("[") || !address.contains(":"))) {
            throw new IllegalArgumentException("push URL '" + url + "' has no port; expected udp://HOST:PORT");
        }
        HostPort hp = HostPort.parse(address);
        Map<String, String> options = options(q < 0 ? "" : rest.substring(q + 1));
        OptionalInt ttl = OptionalInt.empty();
        if (options.containsKey("ttl")) {
            String t = options.get("ttl");
            if (!TTL.matcher(t).matches() || Integer.parseInt(t) > 255) {
                throw new IllegalArgumentException("invalid ttl '" + t + "': expected a number from 0 to 255");
            }
            ttl = OptionalInt.of(Integer.parseInt(t));
        }
        String loop = options.getOrDefault("multicast_loop", "1");
        if (!loop.equals("0") && !loop.equals("1")) {
            throw new IllegalArgumentException("invalid multicast_loop '" + loop + "': expected 0 or 1");
        }
        Optional<String> iface = Optional.ofNullable(options.get("iface"));
        if (iface.isPresent() && !INTERFACE.matcher(iface.get()).matches()) {
            throw new IllegalArgumentException("invalid iface '" + iface.get() + "': expected an interface name or address");
        }
        return new PushConfig(url, hp.host(), hp.port(), ttl, loop.equals("1"), iface);
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!OPTIONS.contains(key)) {
                String hint = SpellingSuggestion.nearest(key, OPTIONS).map(s -> ", did you mean '" + s + "'?")
                        .orElse("; expected one of " + String.join(", ", OPTIONS));
                throw new IllegalArgumentException("unknown push option '" + key + "'" + hint);
            }
            if (eq < 0) {
                throw new IllegalArgumentException("push option '" + key + "' needs a value: " + key + "=VALUE");
            }
            if (options.put(key, pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("duplicate push option '" + key + "'");
            }
        }
        return options;
    }
}
