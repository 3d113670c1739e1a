package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static ServerConfig loadResource(String name) throws Exception {
        return ConfigLoader.load(resource(name));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster-key-and-source.conf", "source-except.conf", "source-only.conf",
            "source-only-wildcard.conf", "source-mass-configuration.conf", "source-default-port.conf", "full.conf"})
    void everyExampleConfigurationLoads(String name) throws Exception {
        assertThat(loadResource(name)).isNotNull();
    }

    @Test
    void emptyTextGivesTheDefaults() throws Exception {
        assertThat(ConfigLoader.parse("# nothing but a comment\n", "empty.conf")).isEqualTo(ServerConfig.defaults());
        assertThat(ServerConfig.defaults().httpPort()).isEqualTo(8080);
        assertThat(ServerConfig.defaults().rtmpPort()).isNull();
        assertThat(ServerConfig.defaults().segmentDuration()).isEqualTo(2.0);
        assertThat(ServerConfig.defaults().segmentsInMemory()).isEqualTo(10);
    }

    @Test
    void seedExceptExample() throws Exception {
        SourceConfig source = loadResource("source-except.conf").sources().get(0);
        assertThat(source.hosts()).containsExactly(new HostPort("streamer", 8081));
        assertThat(source.clusterKey()).contains("abcd");
        assertThat(source.except()).containsExactly("stream1", "football");
        assertThat(source.only()).isEmpty();
    }

    @Test
    void seedSourceWithoutPortDefaultsTo80() throws Exception {
        SourceConfig source = loadResource("source-default-port.conf").sources().get(0);
        assertThat(source.hosts()).containsExactly(new HostPort("origin", 80));
        assertThat(source.backup().map(BackupConfig::file)).contains("vod/bunny.mp4");
    }

    @Test
    void seedMassConfigurationHasTwoSources() throws Exception {
        ServerConfig config = loadResource("source-mass-configuration.conf");
        assertThat(config.clusterKey()).isEqualTo("abcd");
        assertThat(config.sources()).hasSize(2);
        SourceConfig first = config.sources().get(0);
        assertThat(first.hosts()).containsExactly(new HostPort("streamer", 8081), new HostPort("test2", 8082));
        assertThat(first.dvr()).contains(new DvrConfig("/storage", Duration.ofDays(2), OptionalInt.of(97)));
        assertThat(first.onPlay()).contains("http://backend/auth.php");
    }

    @Test
    void fullConfigurationGivesTheExpectedRecords() throws Exception {
        ServerConfig config = loadResource("full.conf");
        String file = resource("full.conf").toString();

        assertThat(config.httpPort()).isEqualTo(8081);
        assertThat(config.rtmpPort()).isEqualTo(1935);
        assertThat(config.rtspPort()).isEqualTo(554);
        assertThat(config.clusterKey()).isEqualTo("s3cret key");
        assertThat(config.segmentDuration()).isEqualTo(2.5);
        assertThat(config.segmentsInMemory()).isEqualTo(12);

        assertThat(config.streams()).containsExactly(
                new StreamConfig("news/hd", List.of(
                        new InputConfig("publish://", "publish", Map.of()),
                        new InputConfig("rtmp://origin/live/news", "rtmp",
                                Map.of("bufsize", "2048", "label", "main feed")),
                        new InputConfig("file://vod/news.mp4", "file", Map.of())),
                        false,
                        Optional.of(new DvrConfig("/storage", Duration.ofHours(12), OptionalInt.of(90))),
                        Optional.of("http://backend/auth.php"), Optional.of(new BackupConfig("vod/bunny.mp4", BackupConfig.DEFAULT_TIMEOUT)),
                        OptionalDouble.of(4), new Position(file, 9, 1)),
                new StreamConfig("sports", List.of(new InputConfig("m4f://edge1:8080/sports", "m4f", Map.of())),
                        true, Optional.of(new DvrConfig("/archive", Duration.ofHours(1), OptionalInt.empty())),
                        Optional.empty(), Optional.empty(), OptionalDouble.empty(), new Position(file, 20, 1)));
        assertThat(config.streams().get(0).inputs().get(1).options().keySet()).containsExactly("bufsize", "label");

        assertThat(config.sources()).containsExactly(
                new SourceConfig(List.of(new HostPort("origin-a", 8081), new HostPort("::1", 8082),
                        new HostPort("origin-b", 80)),
                        Optional.of("other"), List.of("mylive/*", "cbc", "football"), List.of("mylive/private*"),
                        Optional.of("http://backend/auth.php"), Optional.of(new BackupConfig("vod/bunny.mp4", BackupConfig.DEFAULT_TIMEOUT)),
                        Optional.of(new DvrConfig("/storage", Duration.ofDays(2), OptionalInt.of(97))),
                        new Position(file, 26, 1)),
                new SourceConfig(List.of(new HostPort("lonely", 9000)), Optional.empty(), List.of(), List.of(),
                        Optional.empty(), Optional.empty(), Optional.empty(), new Position(file, 36, 1)));

        assertThat(config.stream("sports")).map(StreamConfig::isStatic).contains(true);
        assertThat(config.stream("missing")).isEmpty();
    }

    @Test
    void streamIsStaticUnlessOndemand() throws Exception {
        ServerConfig config = ConfigLoader.parse("stream a { input publish://; }", "t.conf");
        assertThat(config.stream("a").orElseThrow().isStatic()).isTrue();
    }

    @Test
    void loadRejectsAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.write(file, new byte[] {'h', 't', 't', 'p', ' ', (byte) 0xFF, (byte) 0xFE, ';'});
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(IOException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void loadRejectsAnOversizedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.conf");
        Files.write(file, new byte[ConfigLoader.MAX_FILE_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(IOException.class).hasMessageContaining("larger");
    }

    @Test
    void loadNamesTheFileInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.conf");
        Files.writeString(file, "http 0;\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":1:6: invalid port '0'");
    }
}
