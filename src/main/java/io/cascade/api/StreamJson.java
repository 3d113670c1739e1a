package io.cascade.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade.config.DvrConfig;
import io.cascade.dvr.DvrInfo;
import io.cascade.config.InputConfig;
import io.cascade.config.StreamConfig;
import io.cascade.input.InputStats;
import io.cascade.media.Segment;
import io.cascade.media.Track;
import io.cascade.stream.LiveStream;

import java.util.List;
import java.util.Optional;

/** A stream as the API shows it: its effective config and its live figures. */
final class StreamJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StreamJson() {
    }

    static ObjectNode of(LiveStream s, io.cascade.session.SessionRegistry sessions) {
        return of(s, sessions, Optional.empty());
    }

    static ObjectNode of(LiveStream s, io.cascade.session.SessionRegistry sessions, Optional<DvrInfo> dvrInfo) {
        StreamConfig c = s.config();
        ObjectNode o = F.objectNode();
        o.put("name", s.name());
        o.put("static", s.isStatic());
        ArrayNode inputs = o.putArray("inputs");
        for (InputConfig in : c.inputs()) {
            ObjectNode i = inputs.addObject().put("url", in.url());
            in.options().forEach((k, v) -> {
                if (!k.equals("url") && !k.equals("stats")) {
                    i.put(k, v);
                }
            });
            i.set("stats", inputStats(s.inputStats(in.url())));
        }
        c.dvr().ifPresent(d -> o.set("dvr", dvr(d)));
        c.onPlay().ifPresent(u -> o.putObject("on_play").put("url", u).put("allow_default", c.access().allowDefault()));
        if (!c.access().protocols().equals(io.cascade.config.PlayAccess.PROTOCOLS)) {
            ArrayNode protocols = o.putArray("protocols");
            c.access().protocols().stream().sorted().forEach(protocols::add);
        }
        c.backup().ifPresent(b -> o.putObject("backup").put("file", b.file()).put("timeout", b.timeout().toMillis() / 1000.0));
        ObjectNode stats = stats(s);
        dvrInfo.ifPresent(d -> stats.set("dvr_info", dvrInfo(d)));
        SessionStatsJson.add(stats, s.name(), sessions);
        o.set("stats", stats);
        return o;
    }

    /** What an input has done: its state in the failover, its last error, what it received. */
    private static ObjectNode inputStats(InputStats st) {
        ObjectNode o = F.objectNode();
        o.put("state", st.state().name().toLowerCase());
        o.put("last_error", st.lastError());
        o.put("bytes", st.bytes());
        o.put("errors", st.errors());
        o.put("frames", st.frames());
        return o;
    }

    private static ObjectNode dvr(DvrConfig d) {
        ObjectNode o = F.objectNode();
        o.put("root", d.path());
        o.put("dvr_limit", d.depth().toSeconds());
        d.diskLimitPercent().ifPresent(p -> o.put("disk_limit", p));
        return o;
    }

    private static ObjectNode dvrInfo(DvrInfo d) {
        ObjectNode o = F.objectNode();
        o.put("from", d.from());
        o.put("depth", d.depth());
        o.put("duration", d.duration());
        o.put("bytes", d.bytes());
        o.put("recording", d.recording());
        o.put("error", d.failure());
        o.put("dropped_segments", d.dropped());
        return o;
    }

    private static ObjectNode stats(LiveStream s) {
        ObjectNode st = F.objectNode();
        st.put("alive", s.isAlive());
        st.put("active_input", s.activeInput().orElse(null));
        st.put("backup_playing", s.playingBackup());
        st.put("bitrate", s.bitrate() / 1000);
        st.put("clients", s.clients());
        List<Segment> segs = s.store().closedSegments();
        if (segs.isEmpty()) {
            st.putNull("first_segment");
            st.putNull("last_segment");
        } else {
            st.put("first_segment", segs.get(0).number());
            st.put("last_segment", segs.get(segs.size() - 1).number());
        }
        ArrayNode tracks = st.putObject("media_info").putArray("tracks");
        for (Track t : s.tracks()) {
            tracks.add(track(t));
        }
        return st;
    }

    private static ObjectNode track(Track t) {
        ObjectNode o = F.objectNode();
        o.put("track_id", (t.isVideo() ? "v" : "a") + t.id());
        o.put("content", t.isVideo() ? "video" : "audio");
        o.put("codec", t.codec().name().toLowerCase());
        if (t.isVideo()) {
            o.put("width", t.width());
            o.put("height", t.height());
            o.put("fps", t.frameRate());
        } else {
            o.put("sample_rate", t.sampleRate());
            o.put("channels", t.channels());
        }
        o.put("language", t.language());
        return o;
    }
}
