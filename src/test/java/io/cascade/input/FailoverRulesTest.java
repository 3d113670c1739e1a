package io.cascade.input;

import io.cascade.media.Codec;
import io.cascade.media.Frame;
import io.cascade.media.Track;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The failover decisions on a fake clock (nanoseconds given by the test). */
class FailoverRulesTest {
    private static final long S = 1_000_000_000L;
    private static final Track VIDEO = Track.video(1, Codec.H264, new byte[0], 320, 240, 25);
    private static final Track AUDIO = Track.audio(2, Codec.AAC, new byte[] {0x11, (byte) 0x90}, 48000, 2);

    private static ConfiguredInput input(String url, boolean pulled, int priority, int timeoutSeconds) {
        Input in = new Input() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public void run(MediaSink sink) {
            }

            @Override
            public boolean pulled() {
                return pulled;
            }
        };
        return new ConfiguredInput(in, new InputOptions(Duration.ofSeconds(timeoutSeconds), priority));
    }

    @Test
    void inputsAreOrderedByPriorityAndConfigOrderAmongEquals() {
        ConfiguredInput a = input("a", true, 3, 10);
        ConfiguredInput b = input("b", true, 1, 10);
        ConfiguredInput c = input("c", true, 3, 10);
        ConfiguredInput d = input("d", true, 2, 10);
        assertThat(FailoverRules.byPriority(List.of(a, b, c, d))).containsExactly(b, d, a, c);
    }

    @Test
    void aPulledInputTimesOutAfterItsSourceTimeoutWithoutFrames() {
        ConfiguredInput udp = input("udp://x", true, 1, 5);
        long start = 100 * S;
        assertThat(FailoverRules.timedOut(udp, start, Long.MIN_VALUE, start + 5 * S)).isFalse();
        assertThat(FailoverRules.timedOut(udp, start, Long.MIN_VALUE, start + 5 * S + 1)).isTrue();
        long lastFrame = start + 60 * S;
        assertThat(FailoverRules.timedOut(udp, start, lastFrame, lastFrame + 4 * S)).isFalse();
        assertThat(FailoverRules.timedOut(udp, start, lastFrame, lastFrame + 6 * S)).isTrue();
        ConfiguredInput publish = input("publish://", false, 1, 5);
        assertThat(FailoverRules.timedOut(publish, start, Long.MIN_VALUE, start + 600 * S))
                .as("a pushed input waits for its publisher").isFalse();
    }

    @Test
    void theBackupIsDueAfterItsTimeoutWithoutAnyFrame() {
        long last = 50 * S;
        assertThat(FailoverRules.backupDue(last, Duration.ofSeconds(3), last + 3 * S)).isFalse();
        assertThat(FailoverRules.backupDue(last, Duration.ofSeconds(3), last + 3 * S + 1)).isTrue();
    }

    @Test
    void onlyPreferredPulledInputsAreRechecked() {
        ConfiguredInput m4f = input("m4f://a", false, 1, 10);
        ConfiguredInput udp = input("udp://b", true, 2, 10);
        ConfiguredInput same = input("udp://c", true, 3, 10);
        ConfiguredInput http = input("tshttp://d", true, 3, 10);
        List<ConfiguredInput> order = List.of(m4f, udp, same, http);
        assertThat(FailoverRules.recheckable(order, 3)).containsExactly(udp);
        assertThat(FailoverRules.recheckable(order, 1)).isEmpty();
        assertThat(FailoverRules.recheckable(order, 0)).isEmpty();
    }

    @Test
    void anInputTakesOverAtAVideoKeyframeOrAnyAudioFrameWithoutVideo() {
        Frame key = new Frame(1, 0, 0, 3600, true, new byte[1]);
        Frame delta = new Frame(1, 3600, 3600, 3600, false, new byte[1]);
        Frame audio = new Frame(2, 0, 0, 1920, true, new byte[1]);
        assertThat(FailoverRules.takesOverAt(key, List.of(VIDEO, AUDIO))).isTrue();
        assertThat(FailoverRules.takesOverAt(delta, List.of(VIDEO, AUDIO))).isFalse();
        assertThat(FailoverRules.takesOverAt(audio, List.of(VIDEO, AUDIO))).isFalse();
        assertThat(FailoverRules.takesOverAt(audio, List.of(AUDIO))).isTrue();
        assertThat(FailoverRules.takesOverAt(key, List.of())).as("before its tracks are known").isFalse();
    }

    @Test
    void optionsAreReadAndBounded() {
        assertThat(InputOptions.of(Map.of("source_timeout", "5", "priority", "2"), 1))
                .isEqualTo(new InputOptions(Duration.ofSeconds(5), 2));
        assertThat(InputOptions.of(Map.of(), 4)).isEqualTo(new InputOptions(InputOptions.DEFAULT_SOURCE_TIMEOUT, 4));
        assertThatThrownBy(() -> InputOptions.of(Map.of("source_timeout", "0"), 1)).hasMessageContaining("source_timeout");
        assertThatThrownBy(() -> InputOptions.of(Map.of("priority", "x"), 1)).hasMessageContaining("priority");
    }
}
