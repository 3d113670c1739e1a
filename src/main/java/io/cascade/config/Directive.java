package io.cascade.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The vocabulary of the configuration file: each directive's keyword, its argument count, whether
 * it takes a block and where it may appear. Kept in one table so that the shape checks, the
 * spelling suggestions and the readers agree.
 */
enum Directive {
    HTTP("http", "PORT", 1, 1, Body.NONE, false, BlockKind.TOP),
    RTMP("rtmp", "PORT", 1, 1, Body.NONE, false, BlockKind.TOP),
    RTSP("rtsp", "PORT", 1, 1, Body.NONE, false, BlockKind.TOP),
    CLUSTER_KEY("cluster_key", "KEY", 1, 1, Body.NONE, false, BlockKind.TOP, BlockKind.SOURCE),
    SEGMENT_DURATION("segment_duration", "SECONDS", 1, 1, Body.NONE, false, BlockKind.TOP, BlockKind.STREAM),
    SEGMENTS("segments", "COUNT", 1, 1, Body.NONE, false, BlockKind.TOP),
    MAX_BITRATE("max_bitrate", "MBIT_PER_SECOND", 1, 1, Body.NONE, false, BlockKind.TOP),
    MAX_CONNECTIONS("max_connections", "COUNT", 1, 1, Body.NONE, false, BlockKind.TOP),
    MAX_CONNECTIONS_PER_IP("max_connections_per_ip", "COUNT", 1, 1, Body.NONE, false, BlockKind.TOP),
    REQUEST_TIMEOUT("request_timeout", "SECONDS", 1, 1, Body.NONE, false, BlockKind.TOP),
    KEEPALIVE_TIMEOUT("keepalive_timeout", "SECONDS", 1, 1, Body.NONE, false, BlockKind.TOP),
    RTMP_TIMEOUT("rtmp_timeout", "SECONDS", 1, 1, Body.NONE, false, BlockKind.TOP),
    STREAM("stream", "NAME { ... }", 1, 1, Body.REQUIRED, true, BlockKind.TOP),
    SOURCE("source", "HOST[:PORT] ... [{ ... }]", 1, Integer.MAX_VALUE, Body.OPTIONAL, true, BlockKind.TOP),
    INPUT("input", "URL [key=value ...]", 1, Integer.MAX_VALUE, Body.NONE, true, BlockKind.STREAM),
    STATIC("static", "", 0, 0, Body.NONE, false, BlockKind.STREAM),
    ONDEMAND("ondemand", "", 0, 0, Body.NONE, false, BlockKind.STREAM),
    DVR("dvr", "PATH DEPTH [LIMIT%] [replicate] [replicate_rate=SIZE]", 2, 5, Body.NONE, false, BlockKind.STREAM,
            BlockKind.SOURCE),
    DVR_CACHE("dvr_cache", "SIZE", 1, 1, Body.NONE, false, BlockKind.TOP),
    ON_PLAY("on_play", "URL [allow_default]", 1, 2, Body.NONE, false, BlockKind.STREAM, BlockKind.SOURCE),
    PROTOCOLS("protocols", "NAME ... | -NAME ...", 1, Integer.MAX_VALUE, Body.NONE, false, BlockKind.STREAM,
            BlockKind.SOURCE),
    PUSH("push", "udp://HOST:PORT[?ttl=N&multicast_loop=0|1&iface=NAME]", 1, 1, Body.NONE, true, BlockKind.STREAM),
    BACKUP("backup", "FILE [timeout=SECONDS]", 1, 2, Body.NONE, false, BlockKind.STREAM, BlockKind.SOURCE),
    ONLY("only", "PATTERN ...", 1, Integer.MAX_VALUE, Body.NONE, true, BlockKind.SOURCE),
    EXCEPT("except", "PATTERN ...", 1, Integer.MAX_VALUE, Body.NONE, true, BlockKind.SOURCE);

    /** Whether a directive is written with a {@code { ... }} block. */
    enum Body { NONE, OPTIONAL, REQUIRED }

    private static final Map<String, Directive> BY_KEYWORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Directive::keyword, Function.identity()));

    private final String keyword;
    private final String argumentUsage;
    private final int minArgs;
    private final int maxArgs;
    private final Body body;
    private final boolean repeatable;
    private final Set<BlockKind> allowedIn;

    Directive(String keyword, String argumentUsage, int minArgs, int maxArgs, Body body, boolean repeatable,
              BlockKind first, BlockKind... rest) {
        this.keyword = keyword;
        this.argumentUsage = argumentUsage;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.body = body;
        this.repeatable = repeatable;
        this.allowedIn = EnumSet.of(first, rest);
    }

    static Optional<Directive> byKeyword(String keyword) {
        return Optional.ofNullable(BY_KEYWORD.get(keyword));
    }

    String keyword() {
        return keyword;
    }

    String usage() {
        return argumentUsage.isEmpty() ? keyword + ";" : keyword + " " + argumentUsage + (body == Body.NONE ? ";" : "");
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    Body body() {
        return body;
    }

    boolean repeatable() {
        return repeatable;
    }

    boolean allowedIn(BlockKind kind) {
        return allowedIn.contains(kind);
    }

    /** The first place this directive belongs, for "it belongs ..." hints. */
    BlockKind home() {
        return allowedIn.iterator().next();
    }
}
