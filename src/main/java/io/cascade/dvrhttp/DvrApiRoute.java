package io.cascade.dvrhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.auth.PlayGate;
import io.cascade.dvr.Archive;
import io.cascade.dvr.ArchiveRange;
import io.cascade.dvr.ArchivedSegment;
import io.cascade.dvr.DvrService;
import io.cascade.dvr.StreamArchive;
import io.cascade.http.HttpExchange;
import io.cascade.http.Route;
import io.cascade.httpstream.HttpAdmission;
import io.cascade.httpstream.StreamRequests;
import io.cascade.media.Timebase;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is recorded, in the reference's shapes:
 * <ul>
 *   <li>{@code GET /NAME/recording_status.json?from=FROM&to=TO|now}: {@code [{"stream":…,"ranges":[{"from":s,"duration":s}]}]};</li>
 *   <li>{@code GET /streamer/api/v3/streams/NAME/dvr/ranges}: {@code {"ranges":[{"opened_at":ms,"closed_at":ms}]}};
 *       {@code DELETE} with a range removes the unlocked segments in it;</li>
 *   <li>{@code GET|POST|DELETE …/dvr/locks}: the ranges retention and deletion keep.</li>
 * </ul>
 * A range in a POST or DELETE is a JSON body {@code {"from":s,"duration":s}} or
 * {@code {"opened_at":ms,"closed_at":ms}}, or the same as query parameters.
 */
public final class DvrApiRoute implements Route {
    private static final Pattern STATUS = Pattern.compile("^/(.+)/recording_status\\.json$");
    private static final Pattern API = Pattern.compile("^/streamer/api/v3/streams/(.+)/dvr/(ranges|locks)$");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,15}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Archives archives;
    private final DvrService dvr;
    private final PlayGate gate;

    /**
     * @param archives what is read (local or remote); {@code dvr} holds what can be changed (local)
     * @param gate     admits the viewers asking what is recorded, as playback does (the end-user API)
     */
    public DvrApiRoute(Archives archives, DvrService dvr, PlayGate gate) {
        this.archives = archives;
        this.dvr = dvr;
        this.gate = gate;
    }

    @Override
    public boolean takesWrites() {
        return true;
    }

    @Override
    public boolean handle(HttpExchange ex) throws Exception {
        Matcher m = STATUS.matcher(ex.path());
        if (m.matches() && isRead(ex)) {
            String name = m.group(1);
            // Ranges of a month of segments take milliseconds to list: off the event loop.
            HttpAdmission.admit(ex, gate, name, "hls", session -> StreamRequests.offload(ex, () -> {
                try {
                    status(ex, name);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            return true;
        }
        m = API.matcher(ex.path());
        if (!m.matches()) {
            return false;
        }
        String name = m.group(1);
        boolean locks = m.group(2).equals("locks");
        Optional<Archive> archive = archives.of(name);
        if (archive.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "stream " + name + " has no archive");
            return true;
        }
        if (isRead(ex)) {
            StreamRequests.offload(ex, () -> {
                List<ArchiveRange> list = locks ? dvr.archive(name).map(StreamArchive::locks).orElse(List.of())
                        : archive.get().ranges();
                try {
                    sendJson(ex, rangesJson(locks ? "locks" : "ranges", list));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return true;
        }
        Optional<StreamArchive> local = dvr.archive(name);
        Optional<ArchiveRange> range = range(ex);
        if (local.isEmpty()) {
            ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, "the archive of " + name + " is not on this server");
        } else if (range.isEmpty()) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "a range is {\"from\":SECONDS,\"duration\":SECONDS}"
                    + " or {\"opened_at\":MS,\"closed_at\":MS}");
        } else if (ex.method() == HttpMethod.POST && locks) {
            StreamRequests.offload(ex, () -> change(ex, () -> local.get().addLock(range.get())));
        } else if (ex.method() == HttpMethod.DELETE && locks) {
            StreamRequests.offload(ex, () -> change(ex, () -> local.get().removeLocks(range.get())));
        } else if (ex.method() == HttpMethod.DELETE) {
            StreamRequests.offload(ex, () -> change(ex, () -> deleteRange(local.get(), range.get())));
        } else {
            ex.sendError(HttpResponseStatus.METHOD_NOT_ALLOWED, ex.method() + " is not allowed on " + m.group(2));
        }
        return true;
    }

    private static boolean isRead(HttpExchange ex) {
        return ex.method() == HttpMethod.GET || ex.method() == HttpMethod.HEAD;
    }

    private interface Change {
        void run() throws IOException;
    }

    private static void change(HttpExchange ex, Change change) {
        try {
            change.run();
        } catch (IOException e) {
            ex.sendError(HttpResponseStatus.SERVICE_UNAVAILABLE, "the archive cannot be changed: " + e.getMessage());
            return;
        }
        ex.sendBytes("application/json", "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "no-cache");
    }

    private static void deleteRange(StreamArchive archive, ArchiveRange range) throws IOException {
        List<ArchivedSegment> gone = archive.segments(range.from(), range.to()).stream()
                .filter(s -> s.startDts() >= range.from() && s.endDts() <= range.to() && !archive.isLocked(s)).toList();
        archive.delete(gone);
    }

    private void status(HttpExchange ex, String name) throws IOException {
        Optional<Archive> archive = archives.of(name);
        if (archive.isEmpty()) {
            ex.sendError(HttpResponseStatus.NOT_FOUND, "stream " + name + " has no archive");
            return;
        }
        long now = Math.floorDiv(Timebase.now(), Timebase.HZ);
        Optional<Long> from = seconds(ex.param("from").orElse("0"), now);
        Optional<Long> to = seconds(ex.param("to").orElse("now"), now);
        if (from.isEmpty() || to.isEmpty() || to.get() < from.get()) {
            ex.sendError(HttpResponseStatus.BAD_REQUEST, "from and to are Unix seconds (to may be 'now'), from before to");
            return;
        }
        ArrayNode body = JSON.createArrayNode();
        ObjectNode stream = body.addObject().put("stream", name);
        ArrayNode ranges = stream.putArray("ranges");
        for (ArchiveRange r : archive.get().ranges()) {
            long start = Math.max(r.from(), from.get() * Timebase.HZ);
            long end = Math.min(r.to(), to.get() * Timebase.HZ);
            if (end > start) {
                ranges.addObject().put("from", Math.floorDiv(start, Timebase.HZ)).put("duration", (end - start) / Timebase.HZ);
            }
        }
        sendJson(ex, body);
    }

    private static Optional<Long> seconds(String text, long now) {
        if (text.equals("now")) {
            return Optional.of(now);
        }
        return NUMBER.matcher(text).matches() ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static ObjectNode rangesJson(String field, List<ArchiveRange> list) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray(field);
        for (ArchiveRange r : list) {
            a.addObject().put("opened_at", Timebase.toMillis(r.from())).put("closed_at", Timebase.toMillis(r.to()))
                    .put("from", Math.floorDiv(r.from(), Timebase.HZ)).put("duration", r.duration() / Timebase.HZ);
        }
        return o;
    }

    /** The range a write names, in its body or its query; empty when it names none that is valid. */
    static Optional<ArchiveRange> range(HttpExchange ex) {
        JsonNode body = null;
        if (ex.body().length > 0) {
            try {
                body = JSON.readTree(ex.body());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Optional<Long> openedAt = field(body, ex, "opened_at");
        Optional<Long> closedAt = field(body, ex, "closed_at");
        if (openedAt.isPresent() && closedAt.isPresent()) {
            return valid(Timebase.fromMillis(openedAt.get()), Timebase.fromMillis(closedAt.get()));
        }
        Optional<Long> from = field(body, ex, "from");
        Optional<Long> duration = field(body, ex, "duration");
        if (from.isPresent() && duration.isPresent()) {
            return valid(from.get() * Timebase.HZ, (from.get() + duration.get()) * Timebase.HZ);
        }
        return Optional.empty();
    }

    private static Optional<Long> field(JsonNode body, HttpExchange ex, String name) {
        if (body != null && body.has(name)) {
            JsonNode v = body.get(name);
            return v.canConvertToLong() && v.asLong() >= 0 && v.asLong() < 1L << 45 ? Optional.of(v.asLong()) : Optional.empty();
        }
        return ex.param(name).filter(t -> NUMBER.matcher(t).matches()).map(Long::parseLong);
    }

    private static Optional<ArchiveRange> valid(long from, long to) {
        return to > from ? Optional.of(new ArchiveRange(from, to)) : Optional.empty();
    }

    private static void sendJson(HttpExchange ex, JsonNode body) throws IOException {
        ex.sendBytes("application/json", JSON.writeValueAsBytes(body), "no-cache");
    }
}
