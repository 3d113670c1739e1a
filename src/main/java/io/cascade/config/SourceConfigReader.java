package io.cascade.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a {@code source HOST[:PORT] ... [{ ... }]} directive into a {@link SourceConfig}. */
final class SourceConfigReader {

    private final ConfigErrors errors;
    private final List<HostPort> hosts = new ArrayList<>();
    private final List<String> only = new ArrayList<>();
    private final List<String> except = new ArrayList<>();
    private Optional<String> clusterKey = Optional.empty();
    private Optional<String> onPlay = Optional.empty();
    private Optional<BackupConfig> backup = Optional.empty();
    private final PlayAccess[] access = {PlayAccess.OPEN};
    private Optional<DvrConfig> dvr = Optional.empty();
    private boolean valid = true;

    private SourceConfigReader(ConfigErrors errors) {
        this.errors = errors;
    }

    /** Empty when the source has errors; they are in {@code errors}. */
    static Optional<SourceConfig> read(ConfigNode source, ConfigErrors errors) {
        return new SourceConfigReader(errors).run(source);
    }

    private Optional<SourceConfig> run(ConfigNode source) {
        DirectiveArguments args = new DirectiveArguments(source, errors);
        for (int i = 0; i < args.count(); i++) {
            keep(args.parsed(i, HostPort::parse)).ifPresent(hosts::add);
        }
        for (CheckedDirective child : DirectiveShapeChecker.check(source.children(), BlockKind.SOURCE, errors)) {
            apply(child.directive(), new DirectiveArguments(child.node(), errors));
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new SourceConfig(hosts, clusterKey, only, except, onPlay, backup, dvr, source.pos(), access[0]));
    }

    private void apply(Directive directive, DirectiveArguments args) {
        switch (directive) {
            case CLUSTER_KEY -> clusterKey = keep(args.nonEmpty(0, "cluster_key"));
            case ONLY -> patterns(args, only);
            case EXCEPT -> patterns(args, except);
            case ON_PLAY -> onPlay = keep(PlayAccessReader.onPlay(args, access));
            case PROTOCOLS -> keep(PlayAccessReader.protocols(args)).ifPresent(p -> access[0] = access[0].withProtocols(p));
            case BACKUP -> backup = keep(args.backup());
            case DVR -> dvr = keep(args.dvr());
            default -> throw new IllegalStateException("not a source directive: " + directive);
        }
    }

    private void patterns(DirectiveArguments args, List<String> into) {
        for (int i = 0; i < args.count(); i++) {
            keep(args.parsed(i, NamePattern::new)).ifPresent(p -> into.add(p.pattern()));
        }
    }

    private <T> Optional<T> keep(Optional<T> value) {
        valid &= value.isPresent();
        return value;
    }
}
