package io.cascade.config;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One directive of a configuration file as written, before any meaning is given to it:
 * {@code name arg arg;} or, when {@code block} is true, {@code name arg arg { children }}.
 *
 * @param name         the directive name
 * @param args         the arguments, quoted strings already unescaped
 * @param children     the directives inside the block; empty when not a block
 * @param block        whether the directive was written with a block
 * @param pos          where the directive name starts
 * @param argPositions where each argument starts, so that errors point at the bad one
 */
public record ConfigNode(String name, List<String> args, List<ConfigNode> children, boolean block,
                         Position pos, List<Position> argPositions) {

    public ConfigNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pos, "pos");
        args = List.copyOf(args);
        children = List.copyOf(children);
        argPositions = List.copyOf(argPositions);
        if (argPositions.size() != args.size()) {
            throw new IllegalArgumentException("one position per argument needed: "
                    + args.size() + " arguments, " + argPositions.size() + " positions");
        }
    }

    /** A node whose arguments are all taken to start where the directive does. */
    public ConfigNode(String name, List<String> args, List<ConfigNode> children, boolean block, Position pos) {
        this(name, args, children, block, pos, Collections.nCopies(args.size(), pos));
    }

    public String arg(int i) {
        return args.get(i);
    }

    public Position argPos(int i) {
        return argPositions.get(i);
    }
}
