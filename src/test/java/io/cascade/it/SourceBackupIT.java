package io.cascade.it;

import io.cascade.CascadeServer;
import io.cascade.config.ConfigLoader;
import io.cascade.media.Segment;
import io.cascade.stream.LiveStream;
import io.cascade.testing.RequiresTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backup} in a {@code source} block: a restreamer whose source dies plays its own backup
 * file for the source's streams, and goes back to the source's segments when it returns.
 */
@RequiresTools
class SourceBackupIT {
    private static final String KEY = "source-backup-cluster-key-0123456";

    @TempDir
    static Path dir;
    static final List<CascadeServer> servers = new ArrayList<>();

    @AfterAll
    static void stop() {
        servers.forEach(CascadeServer::close);
    }

    static CascadeServer server(String body, int port) throws Exception {
        Path conf = Files.createTempFile(dir, "cascade", ".conf");
        Files.writeString(conf, "http " + port + ";\ncluster_key " + KEY + ";\nsegment_duration 1;\n" + body);
        CascadeServer s = new CascadeServer(ConfigLoader.load(conf), dir, 60_000);
        servers.add(s);
        return s;
    }

    @Test
    void aRestreamerPlaysItsBackupWhileTheSourceIsDownAndGoesBack() throws Exception {
        Tools.makeClip(dir, "clip.ts", 6, "320x240", "mpegts");
        Tools.makeClip(dir, "slate.mp4", 3, "320x240", "mp4");
        int originPort = Tools.freePort();
        String originConf = "stream tv { input file://clip.ts; }\n";
        CascadeServer origin = server(originConf, originPort);
        CascadeServer edge = server("source 127.0.0.1:%d { only tv; backup slate.mp4 timeout=1; }\n".formatted(originPort),
                Tools.freePort());
        Tools.await(Duration.ofSeconds(30), "the restreamed stream", () -> edge.streams().find("tv")
                .map(l -> l.store().closedSegments().size() >= 2).orElse(false));
        LiveStream tv = edge.streams().find("tv").orElseThrow();
        assertThat(tv.activeInput()).hasValueSatisfying(u -> assertThat(u).startsWith("m4f://"));
        origin.close();
        Tools.await(Duration.ofSeconds(10), "the backup", tv::playingBackup);
        long firstBackup = tv.store().lastNumber() + 1;
        Tools.await(Duration.ofSeconds(10), "segments from the backup", () -> tv.store().closedSegments().stream()
                .filter(s -> s.number() >= firstBackup && tv.isBackupSegment(s.number())).count() >= 2);
        String playlist = Tools.getText("http://127.0.0.1:" + edge.httpPort() + "/tv/mono.m3u8");
        assertThat(playlist).contains("#EXT-X-DISCONTINUITY");

        server(originConf, originPort);
        Tools.await(Duration.ofSeconds(20), "the source's segments again", () -> !tv.playingBackup()
                && tv.activeInput().orElse("").startsWith("m4f://"));
        long back = tv.store().lastNumber();
        Tools.await(Duration.ofSeconds(15), "segments from the source", () -> tv.store().lastNumber() >= back + 2);
        List<Segment> segs = tv.store().closedSegments();
        assertThat(segs.get(segs.size() - 1).number()).satisfies(n -> assertThat(tv.isBackupSegment(n)).isFalse());
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).number()).isGreaterThan(segs.get(i - 1).number());
            assertThat(segs.get(i).startDts()).isGreaterThanOrEqualTo(segs.get(i - 1).endDts());
        }
    }
}
