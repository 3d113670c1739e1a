package io.cascade.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server address as written in {@code source}: {@code host}, {@code host:port} or
 * {@code [ipv6]:port}. The port defaults to 80, the HTTP port sources are reached on.
 */
public record HostPort(String host, int port) {

    public static final int DEFAULT_PORT = 80;

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
    }

    /** Parses {@code host[:port]} or {@code [ipv6][:port]}; the message of the exception says what is wrong. */
    public static HostPort parse(String s) {
        Objects.requireNonNull(s, "s");
        if (s.startsWith("[")) {
            return parseBracketed(s);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            throw invalid(s, "an IPv6 address must be written in brackets, like [::1]:8080");
        }
        String host = colon < 0 ? s : s.substring(0, colon);
        if (!HOST_NAME.matcher(host).matches()) {
            throw invalid(s, "expected a host name or IPv4 address, optionally followed by :PORT");
        }
        return new HostPort(host, colon < 0 ? DEFAULT_PORT : portOf(s, s.substring(colon + 1)));
    }

    private static HostPort parseBracketed(String s) {
        int close = s.indexOf(']');
        String host = close < 0 ? "" : s.substring(1, close);
        if (!IPV6.matcher(host).matches() || !host.contains(":")) {
            throw invalid(s, "expected an IPv6 address in brackets, like [::1]:8080");
        }
        String rest = s.substring(close + 1);
        if (rest.isEmpty()) {
            return new HostPort(host, DEFAULT_PORT);
        }
        if (!rest.startsWith(":")) {
            throw invalid(s, "expected ':PORT' after ']'");
        }
        return new HostPort(host, portOf(s, rest.substring(1)));
    }

    private static int portOf(String whole, String port) {
        try {
            return parsePort(port);
        } catch (IllegalArgumentException e) {
            throw invalid(whole, "the port must be a number from 1 to 65535");
        }
    }

    /** Parses a TCP/UDP port number, 1..65535. */
    public static int parsePort(String s) {
        if (s == null || !DIGITS.matcher(s).matches() || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException("invalid port '" + s + "': expected a number from 1 to 65535");
        }
        return Integer.parseInt(s);
    }

    private static IllegalArgumentException invalid(String s, String why) {
        return new IllegalArgumentException("invalid address '" + s + "': " + why);
    }

    /** {@code host:port}, with brackets around an IPv6 host so that the result parses back. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
