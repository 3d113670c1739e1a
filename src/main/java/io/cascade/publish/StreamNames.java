package io.cascade.publish;

import java.util.ArrayList;
import java.util.List;

/**
 * The stream names an RTMP app and stream name may mean, most specific first. Clients split a URL
 * path into app and name in different ways (ffmpeg takes all but the last segment as the app when
 * there are three), and users write {@code rtmp://host/static/cam1} as often as
 * {@code rtmp://host/cam1}; so the whole path is tried, then without its first segment, and so on:
 * {@code static/news/one} → {@code static/news/one}, {@code news/one}, {@code one}.
 */
final class StreamNames {
    private StreamNames() {
    }

    static List<String> candidates(String app, String name) {
        String path = trim(app.isEmpty() ? name : app + "/" + name);
        List<String> out = new ArrayList<>();
        while (!path.isEmpty()) {
            out.add(path);
            int slash = path.indexOf('/');
            path = slash < 0 ? "" : trim(path.substring(slash + 1));
        }
        return out;
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
