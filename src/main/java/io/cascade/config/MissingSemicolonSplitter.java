package io.cascade.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Repairs the commonest slip, a forgotten {@code ;} at the end of a line. Without it
 * {@code http 8080} followed by {@code rtmp 1935;} on the next line reads as one directive
 * {@code http 8080 rtmp 1935;}. An argument that starts a new line and is itself a directive
 * keyword is taken as the start of the next directive: the slip is reported at that keyword and
 * both directives are then checked as if the {@code ;} were there.
 */
final class MissingSemicolonSplitter {

    private MissingSemicolonSplitter() {
    }

    static List<ConfigNode> split(List<ConfigNode> nodes, ConfigErrors errors) {
        List<ConfigNode> result = new ArrayList<>(nodes.size());
        for (ConfigNode node : nodes) {
            splitOne(node, errors, result);
        }
        return result;
    }

    private static void splitOne(ConfigNode node, ConfigErrors errors, List<ConfigNode> result) {
        ConfigNode rest = node;
        int cut = firstCut(rest);
        while (cut >= 0) {
            errors.add(rest.argPos(cut), "missing ';' after directive '" + rest.name() + "' before '"
                    + rest.arg(cut) + "'");
            result.add(new ConfigNode(rest.name(), rest.args().subList(0, cut), List.of(), false, rest.pos(),
                    rest.argPositions().subList(0, cut)));
            rest = new ConfigNode(rest.arg(cut), rest.args().subList(cut + 1, rest.args().size()),
                    rest.children(), rest.block(), rest.argPos(cut),
                    rest.argPositions().subList(cut + 1, rest.args().size()));
            cut = firstCut(rest);
        }
        result.add(rest);
    }

    private static int firstCut(ConfigNode node) {
        int previousLine = node.pos().line();
        for (int i = 0; i < node.args().size(); i++) {
            int line = node.argPos(i).line();
            if (line > previousLine && Directive.byKeyword(node.arg(i)).isPresent()) {
                return i;
            }
            previousLine = line;
        }
        return -1;
    }
}
