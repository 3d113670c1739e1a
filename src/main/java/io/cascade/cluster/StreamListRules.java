package io.cascade.cluster;

import io.cascade.config.HostPort;
import io.cascade.config.NamePattern;
import io.cascade.config.SourceConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the sources' stream lists into the restreamer's streams:
 * <ul>
 *   <li>{@code except} patterns hide a stream (black list), and win over {@code only};</li>
 *   <li>without {@code only}, a source's static streams are static here (white list) and its
 *       on-demand streams are on demand here (gray list);</li>
 *   <li>with {@code only}, matching streams are static and every other visible one on demand;</li>
 *   <li>a local stream of the same name hides the source's;</li>
 *   <li>a stream several sources offer is one stream with an input per source, in config order.</li>
 * </ul>
 */
public final class StreamListRules {
    private StreamListRules() {
    }

    public static List<ClusterStream> apply(List<SourceConfig> sources, Map<HostPort, List<RemoteStream>> lists,
                                            Set<String> localNames) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (SourceConfig source : sources) {
            for (HostPort host : source.hosts()) {
                for (RemoteStream r : lists.getOrDefault(host, List.of())) {
                    if (localNames.contains(r.name()) || matchesAny(source.exceptPatterns(), r.name())) {
                        continue;
                    }
                    boolean isStatic = source.only().isEmpty() ? r.isStatic() : matchesAny(source.onlyPatterns(), r.name());
                    Draft d = drafts.computeIfAbsent(r.name(), n -> new Draft(isStatic, source));
                    String url = "m4f://" + host + "/" + r.name();
                    if (!d.inputs.contains(url)) {
                        d.inputs.add(url);
                    }
                }
            }
        }
        List<ClusterStream> out = new ArrayList<>();
        drafts.forEach((name, d) -> out.add(new ClusterStream(name, d.isStatic, d.inputs, d.source)));
        return out;
    }

    private static boolean matchesAny(List<NamePattern> patterns, String name) {
        return patterns.stream().anyMatch(p -> p.matches(name));
    }

    private static final class Draft {
        final boolean isStatic;
        final SourceConfig source;
        final List<String> inputs = new ArrayList<>();

        Draft(boolean isStatic, SourceConfig source) {
            this.isStatic = isStatic;
            this.source = source;
        }
    }
}
