package io.cascade.rtmp;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An {@code rtmp://host[:port]/app/name} address. The app is the first path segment, the stream
 * name the rest (a query string stays on the name, where servers expect keys).
 */
public record RtmpUrl(String host, int port, String app, String name) {
    public static final int DEFAULT_PORT = 1935;

    public static RtmpUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        if (!"rtmp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an rtmp://host/app/name URL: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new IllegalArgumentException("RTMP URL needs an app and a stream name: " + url);
        }
        String name = path.substring(slash + 1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new RtmpUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path.substring(0, slash), name);
    }

    /** The tcUrl a client announces in connect: the URL up to and including the app. */
    public String tcUrl() {
        return "rtmp://" + host + ":" + port + "/" + app;
    }

    @Override
    public String toString() {
        return tcUrl() + "/" + name;
    }
}
