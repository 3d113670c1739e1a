package io.cascade.rtmpstream;

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
        List<String> parts = new ArrayList<>();
        for (String part : (app + "/" + name).split("/+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        List<String> out = new ArrayList<>();
        for (int from = 0; from < parts.size(); from++) {
            out.add(String.join("/", parts.subList(from, parts.size())));
        }
        return out;
    }
}
