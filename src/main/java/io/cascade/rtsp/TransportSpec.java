package io.cascade.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One transport a client offers in SETUP (RFC 2326 12.39): RTP over the RTSP connection
 * ({@code RTP/AVP/TCP;interleaved=a-b}) or RTP over UDP unicast ({@code RTP/AVP[/UDP];unicast;
 * client_port=a-b}). Multicast, {@code destination=} (RTP sent to a third party) and other
 * profiles are not offered by this server.
 *
 * @param tcp   interleaved when true, UDP when false
 * @param first the first interleaved channel or client port; -1 when the client left it to the server
 * @param second the second channel or port (RTCP)
 */
public record TransportSpec(boolean tcp, int first, int second) {

    /** The first offer of {@code header} this server supports, empty when there is none. */
    public static Optional<TransportSpec> choose(String header) {
        for (String offer : header.split(",")) {
            Optional<TransportSpec> t = parse(offer.trim());
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    static Optional<TransportSpec> parse(String offer) {
        String[] params = offer.split(";");
        String spec = params[0].trim().toUpperCase(java.util.Locale.ROOT);
        boolean tcp;
        if (spec.equals("RTP/AVP/TCP")) {
            tcp = true;
        } else if (spec.equals("RTP/AVP") || spec.equals("RTP/AVP/UDP")) {
            tcp = false;
        } else {
            return Optional.empty();
        }
        int[] range = {-1, -1};
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')).trim().toLowerCase(java.util.Locale.ROOT) : p.toLowerCase(java.util.Locale.ROOT);
            String value = p.contains("=") ? p.substring(p.indexOf('=') + 1).trim() : "";
            switch (key) {
                case "multicast", "destination", "record" -> {
                    return Optional.empty();
                }
                case "interleaved" -> {
                    if (!tcp || !range(value, 255, range)) {
                        return Optional.empty();
                    }
                }
                case "client_port" -> {
                    if (tcp || !range(value, 65535, range) || range[0] < 1024) {
                        return Optional.empty();
                    }
                }
                default -> { }
            }
        }
        if (!tcp && range[0] < 0) {
            return Optional.empty(); // UDP without client ports: nowhere to send
        }
        return Optional.of(new TransportSpec(tcp, range[0], range[1]));
    }

    /** Parses {@code a} or {@code a-b} within 0..max, b = a + 1 when absent. */
    private static boolean range(String value, int max, int[] out) {
        String[] parts = value.split("-", -1);
        List<Integer> n = new ArrayList<>();
        for (String part : parts) {
            String t = part.trim();
            if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
                return false;
            }
            n.add(Integer.parseInt(t));
        }
        if (n.size() > 2) {
            return false;
        }
        int a = n.get(0);
        int b = n.size() == 2 ? n.get(1) : a + 1;
        if (a > max || b > max || b != a + 1) {
            return false;
        }
        out[0] = a;
        out[1] = b;
        return true;
    }
}
