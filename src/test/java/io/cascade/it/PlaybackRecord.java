package io.cascade.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges what {@code web/test/players.html} recorded for one player: it started, its playback
 * advanced enough, no {@code waiting} after the start, no player error, no hole in the buffer, no
 * failed request. Every failure names the player, the event and its times (seconds since the page
 * loaded, and the media time), so a failing run says what happened without a rerun.
 */
final class PlaybackRecord {
    private PlaybackRecord() {
    }

    static List<String> failures(String name, JsonNode r, double minAdvance) {
        List<String> out = new ArrayList<>();
        if (r.get("startedAt").isNull()) {
            out.add(name + ": never started playing; errors " + grouped(r.get("errors")).keySet() + "; failed requests "
                    + r.get("failedRequests") + "; console " + r.get("console"));
            return out;
        }
        double startedAt = r.get("startedAt").asDouble();
        double advance = r.get("currentTime").asDouble() - r.get("startTime").asDouble();
        if (advance < minAdvance) {
            out.add("%s: playback advanced %.3f s (< %.0f) from media time %.3f to %.3f in %.3f s".formatted(name, advance,
                    minAdvance, r.get("startTime").asDouble(), r.get("currentTime").asDouble(), r.get("at").asDouble() - startedAt));
        }
        for (JsonNode e : r.get("events")) {
            if (e.get("type").asText().equals("waiting") && e.get("at").asDouble() > startedAt) {
                out.add(name + ": 'waiting' after the start " + when(e));
            }
        }
        grouped(r.get("errors")).forEach((error, times) -> out.add(name + ": error event " + error + " ×" + times.size()
                + ", first " + times.getFirst() + (times.size() > 1 ? "; last " + times.getLast() : "")));
        for (JsonNode h : r.get("holes")) {
            out.add("%s: buffered hole from %.3f to %.3f (%.0f ms) first seen %s".formatted(name, h.get("from").asDouble(),
                    h.get("to").asDouble(), 1000 * (h.get("to").asDouble() - h.get("from").asDouble()), when(h)));
        }
        Map<String, Integer> failed = new LinkedHashMap<>();
        r.get("failedRequests").forEach(f -> failed.merge(f.asText(), 1, Integer::sum));
        failed.forEach((request, n) -> out.add(name + ": request failed " + n + "×: " + request));
        return out;
    }

    static String summary(String name, JsonNode r) {
        return "%s (%s %s): started %s s after loading, media time %s → %s, %d events, %d errors, %d holes".formatted(name,
                r.get("player").asText(), r.get("version").asText(), r.get("startedAt"), r.get("startTime"),
                r.get("currentTime"), r.get("events").size(), r.get("errors").size(), r.get("holes").size());
    }

    /** Each distinct error (code, details, fatal) with the times it was raised. */
    private static Map<String, List<String>> grouped(JsonNode errors) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode e : errors) {
            String key = (text(e, "code") + text(e, "details")).trim() + (e.path("fatal").asBoolean() ? " (fatal)" : "");
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(when(e));
        }
        return out;
    }

    private static String when(JsonNode e) {
        StringBuilder ranges = new StringBuilder();
        for (JsonNode range : e.get("buffered")) {
            ranges.append("%s[%.3f, %.3f]".formatted(ranges.isEmpty() ? "" : " ", range.get(0).asDouble(), range.get(1).asDouble()));
        }
        return "at %.3f s, media time %.3f, buffered %s".formatted(e.get("at").asDouble(), e.get("currentTime").asDouble(), ranges);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? "" : v.asText() + " ";
    }
}
