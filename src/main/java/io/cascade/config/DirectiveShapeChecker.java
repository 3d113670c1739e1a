package io.cascade.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every directive gets whatever it means: is it known, is it allowed here, does it
 * have the right number of arguments and the right kind of body, is it repeated when it may not
 * be. Nodes that fail are reported and dropped, so readers only see well-formed directives.
 */
final class DirectiveShapeChecker {

    private DirectiveShapeChecker() {
    }

    static List<CheckedDirective> check(List<ConfigNode> nodes, BlockKind where, ConfigErrors errors) {
        List<CheckedDirective> checked = new ArrayList<>();
        Map<Directive, Position> seen = new EnumMap<>(Directive.class);
        for (ConfigNode node : MissingSemicolonSplitter.split(nodes, errors)) {
            recognise(node, where, errors)
                    .filter(directive -> hasValidShape(directive, node, errors))
                    .filter(directive -> isFirstOrRepeatable(directive, node, seen, errors))
                    .ifPresent(directive -> checked.add(new CheckedDirective(directive, node)));
        }
        return checked;
    }

    private static Optional<Directive> recognise(ConfigNode node, BlockKind where, ConfigErrors errors) {
        Optional<Directive> directive = Directive.byKeyword(node.name());
        if (directive.isEmpty()) {
            String suggestion = SpellingSuggestion.nearest(node.name(), where.directiveNames())
                    .map(s -> ", did you mean '" + s + "'?")
                    .orElse("");
            errors.add(node.pos(), "unknown directive '" + node.name() + "'" + suggestion);
            return Optional.empty();
        }
        if (!directive.get().allowedIn(where)) {
            errors.add(node.pos(), misplaced(directive.get(), where));
            return Optional.empty();
        }
        return directive;
    }

    private static String misplaced(Directive directive, BlockKind where) {
        String message = "'" + directive.keyword() + "' is not allowed " + where.where();
        if (directive.allowedIn(BlockKind.TOP)) {
            // A top-level directive inside a block usually means the block above lacks its '}'.
            return message + " (is a '}' missing above?)";
        }
        return message + "; it belongs " + directive.home().where();
    }

    private static boolean hasValidShape(Directive directive, ConfigNode node, ConfigErrors errors) {
        boolean valid = true;
        if (node.block() && directive.body() == Directive.Body.NONE) {
            errors.add(node.pos(), "'" + directive.keyword() + "' does not take a block; usage: " + directive.usage());
            valid = false;
        }
        if (!node.block() && directive.body() == Directive.Body.REQUIRED) {
            errors.add(node.pos(), "'" + directive.keyword() + "' needs a block; usage: " + directive.usage());
            valid = false;
        }
        int count = node.args().size();
        if (count < directive.minArgs()) {
            errors.add(node.pos(), "'" + directive.keyword() + "' is missing arguments; usage: " + directive.usage());
            valid = false;
        } else if (count > directive.maxArgs()) {
            errors.add(node.argPos(directive.maxArgs()), "unexpected argument '" + node.arg(directive.maxArgs())
                    + "' to '" + directive.keyword() + "'; usage: " + directive.usage());
            valid = false;
        }
        return valid;
    }

    private static boolean isFirstOrRepeatable(Directive directive, ConfigNode node, Map<Directive, Position> seen,
                                               ConfigErrors errors) {
        Position first = seen.putIfAbsent(directive, node.pos());
        if (first == null || directive.repeatable()) {
            return true;
        }
        errors.add(node.pos(), "duplicate '" + directive.keyword() + "'; already given at "
                + first.line() + ":" + first.column());
        return false;
    }
}
