package io.cascade.mpegts;

import io.cascade.media.Frame;
import io.cascade.media.Track;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Collects what a {@link TsDemuxer} reports. */
final class Demuxed implements TsDemuxer.Listener {
    final List<List<Track>> trackEvents = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();

    @Override
    public void onTracks(List<Track> tracks) {
        trackEvents.add(tracks);
    }

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    List<Track> tracks() {
        return trackEvents.getLast();
    }

    List<Frame> framesOf(int trackId) {
        return frames.stream().filter(f -> f.trackId() == trackId).toList();
    }

    static Demuxed of(byte[] ts) throws TsFormatException {
        Demuxed out = new Demuxed();
        TsDemuxer demuxer = new TsDemuxer(out);
        demuxer.feed(ts);
        demuxer.end();
        return out;
    }

    /** Feeds the bytes in random-sized pieces, 1 byte to 2000 bytes. */
    static Demuxed inPieces(byte[] ts, long seed) throws TsFormatException {
        Demuxed out = new Demuxed();
        TsDemuxer demuxer = new TsDemuxer(out);
        Random random = new Random(seed);
        for (int pos = 0; pos < ts.length; ) {
            int n = Math.min(ts.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 2000));
            demuxer.feed(ts, pos, n);
            pos += n;
        }
        demuxer.end();
        return out;
    }
}
