package io.cascade.mp4;

import io.cascade.media.Frame;
import io.cascade.media.Timebase;
import io.cascade.media.Track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** One kept track of an MP4 file and how far its samples have been read. */
final class DemuxedTrack {
    private final Track track;
    private final SampleTable samples;
    private final TrackTimeline timeline;
    private final int count;
    private int next;

    DemuxedTrack(Track track, SampleTable samples, TrackTimeline timeline) {
        this.track = track;
        this.samples = samples;
        this.timeline = timeline;
        this.count = presentedCount(samples, timeline);
    }

    /**
     * Samples after the last one (in decode order) that presents before the edit's end are cut
     * by the file and never read. Only a tail is cut, so no kept frame loses a reference.
     */
    private static int presentedCount(SampleTable samples, TrackTimeline timeline) {
        if (timeline.end() == TrackTimeline.OPEN) {
            return samples.count();
        }
        for (int i = samples.count() - 1; i >= 0; i--) {
            if (timeline.ticks(samples.decodeTimes()[i] + samples.ctsOffsets()[i]) < timeline.end()) {
                return i + 1;
            }
        }
        return samples.count(); // an edit ending before every sample: keep the track, not nothing
    }

    Track track() {
        return track;
    }

    boolean hasNext() {
        return next < count;
    }

    /** Decode time of the next sample in 90 kHz ticks; only valid while {@link #hasNext()}. */
    long nextDts() {
        return timeline.ticks(samples.decodeTimes()[next]);
    }

    /** Sum of all sample durations, 90 kHz ticks. */
    long durationTicks() {
        return Timebase.rescale(samples.totalDuration(), timeline.timescale(), Timebase.HZ);
    }

    Frame read(FileChannel file, long fileSize) throws IOException {
        int i = next++;
        long dts = timeline.ticks(samples.decodeTimes()[i]);
        long pts = timeline.ticks(samples.decodeTimes()[i] + samples.ctsOffsets()[i]);
        // rescale the end time, not the delta, so rounding never accumulates into drift
        long duration = timeline.ticks(endTime(i)) - dts;
        byte[] data = readData(file, fileSize, samples.offsets()[i], samples.sizes()[i], i);
        return new Frame(track.id(), dts, pts, duration, samples.sync().get(i), data);
    }

    /**
     * Decode time just after sample {@code i}. A last sample written without a duration (some
     * muxers store 0) lasts as long as the one before: a looped file must not lose a frame time.
     */
    private long endTime(int i) {
        long[] times = samples.decodeTimes();
        long end = samples.endTime(i);
        if (end == times[i] && i > 0 && i == times.length - 1) {
            end += times[i] - times[i - 1];
        }
        return end;
    }

    private byte[] readData(FileChannel file, long fileSize, long offset, int size, int index)
            throws IOException {
        if (offset < 0 || offset + size > fileSize) {
            throw new Mp4FormatException("sample " + (index + 1) + " of track " + track.id() + " at offset "
                    + offset + " (" + size + " bytes) lies beyond the end of the file (" + fileSize + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            if (file.read(buf, offset + buf.position()) < 0) {
                throw new Mp4FormatException("file ended inside sample " + (index + 1) + " of track " + track.id());
            }
        }
        return buf.array();
    }
}
