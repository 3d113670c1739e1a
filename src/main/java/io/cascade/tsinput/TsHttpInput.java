package io.cascade.tsinput;

import io.cascade.input.Input;
import io.cascade.input.MediaSink;
import io.cascade.net.PeerText;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;

/**
 * {@code input tshttp://HOST[:PORT]/PATH}: a transport stream read from a long HTTP GET (plain or
 * chunked). Connecting and every read are bounded in time; a stream that ends or stalls is a
 * failure, so the supervisor reconnects with its backoff or fails over.
 */
public final class TsHttpInput implements Input {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A read that waits this long for any byte means the server has stalled. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int BLOCK = 188 * 64;

    private final String url;
    private final URI target;
    private final int program;

    /** @throws IllegalArgumentException when the URL is no usable tshttp:// address */
    public TsHttpInput(String url) {
        this.url = url;
        try {
            this.target = new URI("http" + url.substring(url.indexOf("://")));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid tshttp input URL '" + url + "': " + e.getReason());
        }
        if (target.getHost() == null) {
            throw new IllegalArgumentException("tshttp input URL '" + url + "' has no host");
        }
        this.program = UdpAddress.program(UdpAddress.query(target.getRawQuery(), url).get("program"), url);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean pulled() {
        return true;
    }

    @Override
    public void run(MediaSink sink) throws IOException {
        HttpURLConnection c = open(target.toURL());
        try (InputStream in = c.getInputStream()) {
            TsFeed feed = new TsFeed(sink, program);
            byte[] block = new byte[BLOCK];
            int n;
            while ((n = in.read(block)) > 0) {
                feed.feed(block, 0, n);
            }
            feed.end();
        } finally {
            c.disconnect();
        }
        throw new IOException("the server ended the stream");
    }

    /** Connects and checks the answer: 200, or an error that says what the server said. */
    static HttpURLConnection open(URL url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        c.setReadTimeout((int) READ_TIMEOUT.toMillis());
        c.setInstanceFollowRedirects(true);
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", "Cascade");
        int status = c.getResponseCode();
        if (status != HttpURLConnection.HTTP_OK) {
            c.disconnect();
            throw new IOException("HTTP " + status + " " + PeerText.escape(String.valueOf(c.getResponseMessage())));
        }
        return c;
    }
}
