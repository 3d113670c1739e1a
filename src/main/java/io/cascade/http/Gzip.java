package io.cascade.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the text a server makes per request (playlists, manifests, JSON) when the client asks
 * for it. Never for media: segments are compressed already and go out with sendfile.
 */
final class Gzip {
    /** Below this a gzip header and trailer cost more than they save. */
    static final int MIN_SIZE = 256;
    /** Longer headers are not a browser's or a player's. */
    private static final int MAX_HEADER = 512;

    private Gzip() {
    }

    /** Whether bodies of this type are text worth compressing. */
    static boolean suits(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json")
                || type.startsWith("application/vnd.apple.mpegurl") || type.startsWith("application/dash+xml")
                || type.startsWith("application/xml");
    }

    /**
     * Whether an {@code Accept-Encoding} value takes gzip: {@code gzip} (or {@code x-gzip}, or
     * {@code *} when gzip is not named) with a q-value above 0.
     */
    static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.length() > MAX_HEADER) {
            return false;
        }
        Boolean gzip = null;
        boolean any = false;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean wanted = quality(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? wanted : gzip || wanted;
            } else if (coding.equals("*")) {
                any = wanted;
            }
        }
        return gzip != null ? gzip : any;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
