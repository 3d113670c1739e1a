package io.cascade.hlspull;

import io.cascade.input.InputFormatException;
import io.cascade.net.PeerText;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Bounded GETs of playlists and segments: in time (connect, every read) and in size. */
final class HttpFetch {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private HttpFetch() {
    }

    /**
     * The body of a 200 answer, at most {@code maxBytes}.
     *
     * @throws IOException for another status or a network failure
     * @throws InputFormatException when the body is larger than {@code maxBytes}
     */
    static byte[] get(URI uri, int maxBytes) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        c.setReadTimeout((int) READ_TIMEOUT.toMillis());
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", "Cascade");
        try {
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " for " + PeerText.escape(uri.toString()));
            }
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) {
                throw new InputFormatException(PeerText.escape(uri.toString()) + " is " + declared
                        + " bytes, more than the " + maxBytes + " allowed");
            }
            try (InputStream in = c.getInputStream()) {
                byte[] body = in.readNBytes(maxBytes);
                if (body.length == maxBytes && in.read() >= 0) {
                    throw new InputFormatException(PeerText.escape(uri.toString()) + " is more than the "
                            + maxBytes + " bytes allowed");
                }
                return body;
            }
        } finally {
            c.disconnect();
        }
    }
}
