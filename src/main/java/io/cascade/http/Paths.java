package io.cascade.http;

/** What a request path may look like before any route sees it. */
final class Paths {
    private Paths() {
    }

    /** No dot segments, no empty segments, no backslashes or control characters. */
    static boolean isSafe(String path) {
        if (!path.startsWith("/") || path.contains("//") || path.contains("\\")) {
            return false;
        }
        for (String seg : path.substring(1).split("/", -1)) {
            if (seg.equals(".") || seg.equals("..")) {
                return false;
            }
        }
        return path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
