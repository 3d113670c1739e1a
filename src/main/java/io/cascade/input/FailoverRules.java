package io.cascade.input;

import io.cascade.media.Frame;
import io.cascade.media.MediaKind;
import io.cascade.media.Track;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** The decisions of failover, apart from threads so they can be tested with a fake clock. */
final class FailoverRules {
    private FailoverRules() {
    }

    /** The inputs in the order they are preferred: by priority, config order among equals. */
    static List<ConfiguredInput> byPriority(List<ConfiguredInput> inputs) {
        return inputs.stream().sorted(Comparator.comparingInt(c -> c.options().priority())).toList();
    }

    /**
     * True when a pulled input has sent no frame for its source_timeout, counted from the start
     * of its run or its latest frame, whichever came later.
     */
    static boolean timedOut(ConfiguredInput in, long runStartNanos, long lastFrameNanos, long nowNanos) {
        if (!in.input().pulled()) {
            return false;
        }
        long since = Math.max(runStartNanos, lastFrameNanos);
        return nowNanos - since > in.options().sourceTimeout().toNanos();
    }

    /** True when the stream has had no frame from any input for {@code timeout}: the backup plays. */
    static boolean backupDue(long lastLiveNanos, Duration timeout, long nowNanos) {
        return nowNanos - lastLiveNanos > timeout.toNanos();
    }

    /** The inputs preferred over the one at {@code activeIndex} that can be re-checked in the background. */
    static List<ConfiguredInput> recheckable(List<ConfiguredInput> byPriority, int activeIndex) {
        int end = Math.min(activeIndex, byPriority.size());
        return byPriority.subList(0, end).stream()
                .filter(c -> c.input().pulled() && c.options().priority() < byPriority.get(activeIndex).options().priority())
                .toList();
    }

    /**
     * True when an input may take the stream over at {@code frame}: a video keyframe, or any
     * frame when the input has no video (every audio frame is a random access point).
     */
    static boolean takesOverAt(Frame frame, List<Track> tracks) {
        Track track = tracks.stream().filter(t -> t.id() == frame.trackId()).findFirst().orElse(null);
        if (track == null) {
            return false;
        }
        boolean anyVideo = tracks.stream().anyMatch(t -> t.kind() == MediaKind.VIDEO);
        return anyVideo ? track.kind() == MediaKind.VIDEO && frame.keyframe() : frame.keyframe();
    }
}
