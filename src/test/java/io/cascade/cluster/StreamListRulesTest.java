package io.cascade.cluster;

import io.cascade.config.ConfigLoader;
import io.cascade.config.HostPort;
import io.cascade.config.SourceConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The list rules of cluster restreaming, one test per rule. */
class StreamListRulesTest {
    private static final HostPort STREAMER = new HostPort("streamer", 8081);
    private static final HostPort TEST2 = new HostPort("test2", 8082);

    private static List<SourceConfig> sources(String config) throws Exception {
        return ConfigLoader.parse("cluster_key abcd;\n" + config, "t.conf").sources();
    }

    private static RemoteStream live(String name) {
        return new RemoteStream(name, true, true);
    }

    private static RemoteStream onDemand(String name) {
        return new RemoteStream(name, false, false);
    }

    private static Map<String, ClusterStream> byName(List<ClusterStream> streams) {
        Map<String, ClusterStream> m = new java.util.LinkedHashMap<>();
        streams.forEach(s -> m.put(s.name(), s));
        return m;
    }

    private static Map<String, ClusterStream> apply(String config, List<RemoteStream> list) throws Exception {
        return byName(StreamListRules.apply(sources(config), Map.of(STREAMER, list), Set.of()));
    }

    @Test
    void staticStaysStaticAndOnDemandStaysOnDemandByDefault() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081;", List.of(live("cbc"), onDemand("football")));

        assertThat(s).containsOnlyKeys("cbc", "football");
        assertThat(s.get("cbc").isStatic()).isTrue();
        assertThat(s.get("football").isStatic()).isFalse();
        assertThat(s.get("cbc").inputs()).containsExactly("m4f://streamer:8081/cbc");
    }

    @Test
    void exceptHidesStreams() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081 { except stream1 football; }",
                List.of(live("stream1"), onDemand("football"), live("cbc")));

        assertThat(s).containsOnlyKeys("cbc");
    }

    @Test
    void exceptWinsOverOnly() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081 { only news/* sport; except news/internal; }",
                List.of(live("news/internal"), live("news/world"), live("sport")));

        assertThat(s).containsOnlyKeys("news/world", "sport");
    }

    @Test
    void onlyMakesMatchingStaticAndEveryOtherOnDemand() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081 { only cbc football stream2; }",
                List.of(onDemand("cbc"), live("football"), live("other"), onDemand("idle")));

        assertThat(s).containsOnlyKeys("cbc", "football", "other", "idle");
        assertThat(s.get("cbc").isStatic()).as("on demand on the source, but white-listed").isTrue();
        assertThat(s.get("football").isStatic()).isTrue();
        assertThat(s.get("other").isStatic()).as("running on the source, but not in only").isFalse();
        assertThat(s.get("idle").isStatic()).isFalse();
    }

    @Test
    void wildcardTakesEveryNameBeginningWithThePrefixSlashesIncluded() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081 { only mylive/*; }",
                List.of(onDemand("mylive/a"), onDemand("mylive/deep/b"), live("mylive"), live("yourlive/c")));

        assertThat(s.get("mylive/a").isStatic()).isTrue();
        assertThat(s.get("mylive/deep/b").isStatic()).isTrue();
        assertThat(s.get("mylive/deep/b").inputs()).containsExactly("m4f://streamer:8081/mylive/deep/b");
        assertThat(s.get("mylive").isStatic()).isFalse();
        assertThat(s.get("yourlive/c").isStatic()).isFalse();
    }

    @Test
    void wildcardInExceptHidesAWholeLocation() throws Exception {
        Map<String, ClusterStream> s = apply("source streamer:8081 { except private/*; }",
                List.of(live("private/a"), live("private/x/y"), live("public/a")));

        assertThat(s).containsOnlyKeys("public/a");
    }

    @Test
    void localStreamOfTheSameNameHidesTheSourcesStream() throws Exception {
        List<ClusterStream> s = StreamListRules.apply(sources("source streamer:8081;"),
                Map.of(STREAMER, List.of(live("sport"), live("news"))), Set.of("sport"));

        assertThat(byName(s)).containsOnlyKeys("news");
    }

    @Test
    void twoHostsOnOneSourceLineMakeOneStreamWithBothInputsInOrder() throws Exception {
        List<ClusterStream> s = StreamListRules.apply(sources("source streamer:8081 test2:8082;"),
                Map.of(TEST2, List.of(live("cbc")), STREAMER, List.of(live("cbc"))), Set.of());

        assertThat(s).hasSize(1);
        assertThat(s.get(0).inputs()).containsExactly("m4f://streamer:8081/cbc", "m4f://test2:8082/cbc");
    }

    @Test
    void twoSourceBlocksMakeOneStreamWithBothInputsInConfigOrderAndTheFirstBlocksOptions() throws Exception {
        List<SourceConfig> config = sources("""
                source test2:8082 { on_play http://first/auth; backup vod/first.mp4; }
                source streamer:8081 { on_play http://second/auth; backup vod/second.mp4; dvr /storage 2d 97%; }
                """);
        List<ClusterStream> s = StreamListRules.apply(config,
                Map.of(STREAMER, List.of(live("cbc"), live("only-second")), TEST2, List.of(live("cbc"))), Set.of());

        Map<String, ClusterStream> m = byName(s);
        assertThat(m.get("cbc").inputs()).containsExactly("m4f://test2:8082/cbc", "m4f://streamer:8081/cbc");
        assertThat(m.get("cbc").source().onPlay()).contains("http://first/auth");
        assertThat(m.get("cbc").source().backup().map(io.cascade.config.BackupConfig::file)).contains("vod/first.mp4");
        assertThat(m.get("cbc").source().dvr()).isEmpty();
        assertThat(m.get("only-second").inputs()).containsExactly("m4f://streamer:8081/only-second");
        assertThat(m.get("only-second").source().onPlay()).contains("http://second/auth");
        assertThat(m.get("only-second").source().dvr()).isPresent();
    }

    @Test
    void aHostListedInTwoBlocksGivesItsInputOnce() throws Exception {
        List<ClusterStream> s = StreamListRules.apply(sources("""
                source streamer:8081 test2:8082;
                source test2:8082;
                """), Map.of(STREAMER, List.of(live("cbc")), TEST2, List.of(live("cbc"))), Set.of());

        assertThat(s.get(0).inputs()).containsExactly("m4f://streamer:8081/cbc", "m4f://test2:8082/cbc");
    }

    @Test
    void staticOrOnDemandIsDecidedByTheFirstOfferingBlock() throws Exception {
        List<ClusterStream> s = StreamListRules.apply(sources("""
                source test2:8082 { only other; }
                source streamer:8081;
                """), Map.of(STREAMER, List.of(live("cbc")), TEST2, List.of(live("cbc"))), Set.of());

        assertThat(s.get(0).isStatic()).isFalse();
    }

    @Test
    void exceptOfOneBlockDoesNotHideTheStreamOfferedByAnother() throws Exception {
        List<ClusterStream> s = StreamListRules.apply(sources("""
                source test2:8082 { except cbc; }
                source streamer:8081;
                """), Map.of(STREAMER, List.of(live("cbc")), TEST2, List.of(live("cbc"))), Set.of());

        assertThat(s).hasSize(1);
        assertThat(s.get(0).inputs()).containsExactly("m4f://streamer:8081/cbc");
    }

    @Test
    void aSourceWithNoListYetOffersNothing() throws Exception {
        assertThat(StreamListRules.apply(sources("source streamer:8081;"), Map.of(), Set.of())).isEmpty();
    }
}
