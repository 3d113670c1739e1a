package io.cascade.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What every listener bounds, so that no client can hold the server's sockets.
 *
 * @param maxConnections      connections held at once in all ({@code max_connections})
 * @param maxConnectionsPerIp connections held at once from one client address, an IPv6 client by
 *                            its /64 ({@code max_connections_per_ip})
 * @param requestTimeout      an HTTP request must be complete this long after the connection, or
 *                            after its first byte on a kept-alive connection ({@code request_timeout})
 * @param keepAliveTimeout    an HTTP connection with no request under way closes after this
 *                            ({@code keepalive_timeout})
 * @param rtmpTimeout         an RTMP connection must publish or play this long after it came (or
 *                            after it stopped), and a publisher send media at least this often
 *                            ({@code rtmp_timeout})
 */
public record ListenerLimits(int maxConnections, int maxConnectionsPerIp, Duration requestTimeout,
                             Duration keepAliveTimeout, Duration rtmpTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /**
     * High enough for a restreamer (one connection per stream it pulls) and for viewers behind
     * one NAT; low enough that one host cannot take every socket.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1_000;
    public static final int MAX_CONNECTIONS = 1_000_000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RTMP_TIMEOUT = Duration.ofSeconds(10);
    /** The longest timeout the file may set: beyond it the bound protects nothing. */
    public static final double MAX_TIMEOUT_SECONDS = 3600;

    public static final ListenerLimits DEFAULTS = new ListenerLimits(DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_REQUEST_TIMEOUT, DEFAULT_KEEPALIVE_TIMEOUT, DEFAULT_RTMP_TIMEOUT);

    public ListenerLimits {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS
                || maxConnectionsPerIp < 1 || maxConnectionsPerIp > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connection limits out of range 1.." + MAX_CONNECTIONS + ": "
                    + maxConnections + ", " + maxConnectionsPerIp);
        }
        for (Duration d : new Duration[] {Objects.requireNonNull(requestTimeout), Objects.requireNonNull(keepAliveTimeout),
                Objects.requireNonNull(rtmpTimeout)}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }
}
