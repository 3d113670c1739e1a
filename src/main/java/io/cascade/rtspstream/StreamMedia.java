package io.cascade.rtspstream;

import io.cascade.media.InitSegment;
import io.cascade.media.Track;
import io.cascade.rtp.RtpPacketizer;
import io.cascade.rtp.SessionDescription;
import io.cascade.rtsp.RtpSink;
import io.cascade.rtsp.RtspMedia;
import io.cascade.rtsp.RtspPlayback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A stream as one RTSP connection sees it: the tracks it was described with, and playback of them. */
final class StreamMedia implements RtspMedia {
    private final StreamRtp rtp;
    private final InitSegment init;
    private final String clientIp;

    StreamMedia(StreamRtp rtp, InitSegment init, String clientIp) {
        this.rtp = rtp;
        this.init = init;
        this.clientIp = clientIp;
    }

    @Override
    public SessionDescription description(String serverAddress) {
        List<SessionDescription.Media> media = new ArrayList<>();
        List<Track> tracks = init.tracks();
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            media.add(new SessionDescription.Media(t.isVideo() ? "video" : "audio", RtpFanout.FIRST_PAYLOAD_TYPE + i,
                    RtpPacketizer.of(t, RtpPacketizer.DEFAULT_MAX_PAYLOAD), controls().get(i)));
        }
        String name = rtp.stream().name();
        return new SessionDescription(RtpFanout.ssrc(name, 0), init.version(), serverAddress, name, media);
    }

    @Override
    public List<String> controls() {
        return init.tracks().stream().map(t -> "trackID=" + t.id()).toList();
    }

    @Override
    public RtspPlayback play(RtpSink sink, Set<Integer> tracks) {
        RtpFanout.Viewer v = rtp.join(sink, tracks, init.tracks(), clientIp);
        if (v == null) {
            sink.close("stream " + rtp.stream().name() + " changed its tracks since DESCRIBE");
            return new RtspPlayback() {
                @Override
                public Map<Integer, long[]> rtpInfo() {
                    return Map.of();
                }

                @Override
                public void start() {
                }

                @Override
                public void stop() {
                }
            };
        }
        return v;
    }

    @Override
    public void release() {
        // nothing is held for a connection that is not playing
    }
}
