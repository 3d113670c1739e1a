package io.cascade.rtspstream;

import io.cascade.config.ConfigLoader;
import io.cascade.config.ServerConfig;
import io.cascade.input.InputFactory;
import io.cascade.rtsp.RtspRefusal;
import io.cascade.rtsp.RtspTarget;
import io.cascade.rtsp.RtspViewer;
import io.cascade.stream.LiveStream;
import io.cascade.stream.StreamRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class RtspStreamsTest {
    private StreamRegistry registry;
    private final List<String> admitted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ServerConfig config = ConfigLoader.parse("""
                stream news/one { input file://missing.mp4; }
                stream lazy { input file://missing.mp4; ondemand; }
                """, "test.conf");
        registry = new StreamRegistry(60_000);
        InputFactory inputs = new InputFactory(Path.of("."));
        for (var sc : config.streams()) {
            registry.add(new LiveStream(sc, 2.0, 5, inputs));
        }
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private RtspStreams streams(PlayAdmission admission) {
        return new RtspStreams(registry, admission, Duration.ofSeconds(10), Duration.ofMillis(300));
    }

    private static RtspViewer viewer(String uri) {
        return new RtspViewer(RtspTarget.parse(uri).orElseThrow(), uri, "192.0.2.7", "test", () -> { }, () -> 0,
                new java.util.concurrent.CompletableFuture<>());
    }

    private static int status(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("not refused");
        } catch (CompletionException e) {
            return ((RtspRefusal) e.getCause()).status();
        }
    }

    @Test
    void anUnknownStreamIs404AndTheAdmissionIsNotAsked() {
        RtspStreams s = streams((v, name) -> {
            admitted.add(name);
            return CompletableFuture.completedFuture(null);
        });
        assertThat(status(s.open(viewer("rtsp://h/nosuch")))).isEqualTo(404);
        assertThat(admitted).isEmpty();
    }

    @Test
    void theAdmissionSeesTheStreamAndTokenAndCanRefuse() {
        RtspStreams s = streams((v, name) -> {
            admitted.add(name + " " + v.target().parameter("token").orElse("-") + " " + v.clientIp());
            return CompletableFuture.failedFuture(new RtspRefusal(403, "token refused"));
        });
        assertThat(status(s.open(viewer("rtsp://h/news/one?token=abc")))).isEqualTo(403);
        assertThat(admitted).containsExactly("news/one abc 192.0.2.7");
    }

    @Test
    void aStreamWithoutMediaIs503AfterTheWaitAndTheStoreIsNotHarmed() {
        RtspStreams s = streams(PlayAdmission.ALLOW_ALL);
        LiveStream lazy = registry.find("lazy").orElseThrow();
        assertThat(status(s.open(viewer("rtsp://h/lazy")))).isEqualTo(503);
        assertThat(lazy.store().firstClosed()).as("other viewers still wait for the first segment").isNotDone();
    }
}
