package io.cascade.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Reads a {@code stream NAME { ... }} block into a {@link StreamConfig}. */
final class StreamConfigReader {

    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private final ConfigErrors errors;
    private final List<InputConfig> inputs = new ArrayList<>();
    private final List<PushConfig> pushes = new ArrayList<>();
    private Boolean isStatic;
    private Position staticOrOndemandAt;
    private Optional<DvrConfig> dvr = Optional.empty();
    private Optional<String> onPlay = Optional.empty();
    private Optional<BackupConfig> backup = Optional.empty();
    private final PlayAccess[] access = {PlayAccess.OPEN};
    private OptionalDouble segmentDuration = OptionalDouble.empty();
    private boolean valid = true;

    private StreamConfigReader(ConfigErrors errors) {
        this.errors = errors;
    }

    /** Empty when the stream has errors; they are in {@code errors}. */
    static Optional<StreamConfig> read(ConfigNode stream, ConfigErrors errors) {
        return new StreamConfigReader(errors).run(stream);
    }

    private Optional<StreamConfig> run(ConfigNode stream) {
        DirectiveArguments args = new DirectiveArguments(stream, errors);
        Optional<String> name = args.parsed(0, s -> {
            StreamConfig.checkName(s);
            return s;
        });
        for (CheckedDirective child : DirectiveShapeChecker.check(stream.children(), BlockKind.STREAM, errors)) {
            apply(child.directive(), new DirectiveArguments(child.node(), errors), child.node().pos());
        }
        if (name.isPresent() && inputs.isEmpty() && valid) {
            errors.add(stream.pos(), "stream '" + name.get() + "' has no input; add at least one 'input URL;'");
        }
        if (name.isEmpty() || inputs.isEmpty() || !valid) {
            return Optional.empty();
        }
        return Optional.of(new StreamConfig(name.get(), inputs, isStatic == null || isStatic, dvr, onPlay, backup,
                segmentDuration, stream.pos(), access[0], pushes));
    }

    private void apply(Directive directive, DirectiveArguments args, Position at) {
        switch (directive) {
            case INPUT -> input(args).ifPresentOrElse(inputs::add, this::invalid);
            case STATIC -> mode(true, directive, at);
            case ONDEMAND -> mode(false, directive, at);
            case DVR -> {
                dvr = keep(args.dvr());
                if (dvr.isPresent() && dvr.get().replicateRate().isPresent()) {
                    args.error(0, "replicate copies a source's archive: it belongs in a source block");
                    dvr = Optional.empty();
                }
            }
            case ON_PLAY -> onPlay = keep(PlayAccessReader.onPlay(args, access));
            case PROTOCOLS -> keep(PlayAccessReader.protocols(args)).ifPresent(p -> access[0] = access[0].withProtocols(p));
            case PUSH -> args.parsed(0, PushConfig::parse).ifPresentOrElse(pushes::add, this::invalid);
            case BACKUP -> backup = keep(args.backup());
            case SEGMENT_DURATION -> {
                segmentDuration = args.seconds(0, ServerConfig.MAX_SEGMENT_DURATION);
                valid &= segmentDuration.isPresent();
            }
            default -> throw new IllegalStateException("not a stream directive: " + directive);
        }
    }

    private Optional<InputConfig> input(DirectiveArguments args) {
        Optional<String> scheme = args.parsed(0, InputConfig::schemeOf);
        Map<String, String> options = new LinkedHashMap<>();
        boolean optionsValid = true;
        for (int i = 1; i < args.count(); i++) {
            optionsValid &= option(args, i, options);
        }
        if (scheme.isEmpty() || !optionsValid) {
            return Optional.empty();
        }
        return Optional.of(new InputConfig(args.text(0), scheme.get(), options));
    }

    private static boolean option(DirectiveArguments args, int i, Map<String, String> options) {
        String text = args.text(i);
        int equals = text.indexOf('=');
        String key = equals < 0 ? "" : text.substring(0, equals);
        if (!OPTION_KEY.matcher(key).matches()) {
            args.error(i, "invalid input option '" + text + "': expected key=value");
            return false;
        }
        if (options.putIfAbsent(key, text.substring(equals + 1)) != null) {
            args.error(i, "duplicate input option '" + key + "'");
            return false;
        }
        return InputConfig.checkOption(key, text.substring(equals + 1)).map(problem -> {
            args.error(i, problem);
            return false;
        }).orElse(true);
    }

    private void mode(boolean wantStatic, Directive directive, Position at) {
        if (isStatic != null && isStatic != wantStatic) {
            errors.add(at, "'" + directive.keyword() + "' contradicts '" + (isStatic ? "static" : "ondemand")
                    + "' at " + staticOrOndemandAt.line() + ":" + staticOrOndemandAt.column()
                    + "; a stream is either static or ondemand");
            invalid();
            return;
        }
        isStatic = wantStatic;
        staticOrOndemandAt = at;
    }

    private <T> Optional<T> keep(Optional<T> value) {
        valid &= value.isPresent();
        return value;
    }

    private void invalid() {
        valid = false;
    }
}
