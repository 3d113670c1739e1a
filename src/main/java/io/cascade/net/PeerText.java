package io.cascade.net;

/**
 * Makes a string that came from the network safe to log: a peer's stream name, path or error
 * text must not be able to forge log lines or turn the log binary. Control characters (C0, DEL,
 * C1, line and paragraph separators, bidirectional overrides) and the backslash are written as
 * escapes ({@code \n}, {@code \x00}, a backslash-u and four hex digits), and anything over {@link #MAX_CHARS}
 * characters is cut, saying how much was left out.
 */
public final class PeerText {
    public static final int MAX_CHARS = 256;

    private PeerText() {
    }

    /** {@code text} as a peer sent it, escaped for one log line; "null" for null. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int n = Math.min(text.length(), MAX_CHARS);
        StringBuilder b = new StringBuilder(n + 8);
        for (int i = 0; i < n; i++) {
            appendEscaped(b, text.charAt(i));
        }
        if (text.length() > MAX_CHARS) {
            b.append("…(").append(text.length() - MAX_CHARS).append(" more chars)");
        }
        return b.toString();
    }

    private static void appendEscaped(StringBuilder b, char c) {
        switch (c) {
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    b.append(String.format("\\x%02x", (int) c));
                } else if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                        || (c >= '\u2066' && c <= '\u2069')) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }
}
