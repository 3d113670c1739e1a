package io.cascade.tsinput;

import io.cascade.mpegts.TsDemuxer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@code udp://ADDR:PORT[?source=IP&iface=NAME&program=N]} input listens: a multicast
 * group to join (with an optional source filter and interface) or a local unicast address
 * ({@code 0.0.0.0}, or {@code udp://:PORT}, for any). {@code @} before the address, as some
 * players write it, is accepted.
 *
 * @param address the group or local address and port
 * @param source  the only sender accepted, if any (source-specific multicast, or a unicast filter)
 * @param iface   the interface to join on, by name or by one of its addresses
 * @param program the program number to play, {@link TsDemuxer#FIRST_PROGRAM} for the first
 */
record UdpAddress(InetSocketAddress address, Optional<InetAddress> source, Optional<String> iface, int program) {

    boolean multicast() {
        return address.getAddress().isMulticastAddress();
    }

    /** @throws IllegalArgumentException with what is wrong in {@code url} */
    static UdpAddress parse(String url) {
        String rest = url.substring(url.indexOf("://") + 3).replaceFirst("^@", "");
        URI uri;
        try {
            uri = new URI("udp://" + (rest.startsWith(":") ? "0.0.0.0" + rest : rest));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid udp input URL '" + url + "': " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("udp input URL '" + url + "' needs ADDRESS:PORT");
        }
        Map<String, String> query = query(uri.getRawQuery(), url);
        try {
            InetSocketAddress address = new InetSocketAddress(literal(uri.getHost()), uri.getPort());
            Optional<InetAddress> source = query.containsKey("source")
                    ? Optional.of(literal(query.get("source"))) : Optional.empty();
            return new UdpAddress(address, source, Optional.ofNullable(query.get("iface")),
                    program(query.get("program"), url));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("udp input URL '" + url + "': unknown address " + e.getMessage());
        }
    }

    static int program(String value, String url) {
        if (value == null) {
            return TsDemuxer.FIRST_PROGRAM;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("input URL '" + url + "': program must be a number from 1 to 65535, not '"
                + value + "'");
    }

    static Map<String, String> query(String raw, String url) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("input URL '" + url + "': expected key=value, not '" + pair + "'");
            }
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** An address written as a number: a name here would mean a DNS lookup each time the input starts. */
    private static InetAddress literal(String host) throws UnknownHostException {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new UnknownHostException("'" + h + "' (write the IP address)");
        }
        return InetAddress.getByName(h);
    }
}
