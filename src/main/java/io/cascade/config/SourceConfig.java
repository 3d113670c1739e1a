package io.cascade.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Another Cascade server whose streams are restreamed here.
 *
 * @param hosts      the addresses of the source, tried in order
 * @param clusterKey the key shared with the source, when not the server's
 * @param only       patterns of streams to run here all the time; other streams run on demand
 * @param except     patterns of streams not to take at all; wins over {@code only}
 * @param onPlay     the play authorisation URL for all streams from this source
 * @param backup     the backup file for all streams from this source
 * @param dvr        archive settings for all streams from this source
 * @param pos        where the source is defined
 * @param access     the {@code on_play} fallback and the protocols for all streams from this source
 */
public record SourceConfig(List<HostPort> hosts, Optional<String> clusterKey, List<String> only, List<String> except,
                           Optional<String> onPlay, Optional<BackupConfig> backup, Optional<DvrConfig> dvr, Position pos,
                           PlayAccess access) {

    public SourceConfig {
        hosts = List.copyOf(hosts);
        only = List.copyOf(only);
        except = List.copyOf(except);
        Objects.requireNonNull(clusterKey, "clusterKey");
        Objects.requireNonNull(onPlay, "onPlay");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(dvr, "dvr");
        Objects.requireNonNull(pos, "pos");
        Objects.requireNonNull(access, "access");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a source needs at least one host");
        }
        only.forEach(NamePattern::new);
        except.forEach(NamePattern::new);
    }

    /** A source whose streams have every protocol on and no {@code on_play} fallback. */
    public SourceConfig(List<HostPort> hosts, Optional<String> clusterKey, List<String> only, List<String> except,
                        Optional<String> onPlay, Optional<BackupConfig> backup, Optional<DvrConfig> dvr, Position pos) {
        this(hosts, clusterKey, only, except, onPlay, backup, dvr, pos, PlayAccess.OPEN);
    }

    public List<NamePattern> onlyPatterns() {
        return only.stream().map(NamePattern::new).toList();
    }

    public List<NamePattern> exceptPatterns() {
        return except.stream().map(NamePattern::new).toList();
    }
}
