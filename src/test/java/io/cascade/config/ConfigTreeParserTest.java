package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTreeParserTest {

    private static Position at(int line, int column) {
        return new Position("t.conf", line, column);
    }

    @Test
    void buildsNestedNodesWithPositions() throws ConfigException {
        List<ConfigNode> nodes = ConfigTreeParser.parse("""
                http 80;
                source a:1 "b:2" {
                  only x y;
                  empty { }
                }
                """, "t.conf");

        assertThat(nodes).containsExactly(
                new ConfigNode("http", List.of("80"), List.of(), false, at(1, 1), List.of(at(1, 6))),
                new ConfigNode("source", List.of("a:1", "b:2"), List.of(
                        new ConfigNode("only", List.of("x", "y"), List.of(), false, at(3, 3), List.of(at(3, 8), at(3, 10))),
                        new ConfigNode("empty", List.of(), List.of(), true, at(4, 3), List.of())),
                        true, at(2, 1), List.of(at(2, 8), at(2, 12))));
    }

    @Test
    void treeParserKnowsNoVocabulary() throws ConfigException {
        assertThat(ConfigTreeParser.parse("anything goes { here; }", "t.conf")).hasSize(1);
    }

    @Test
    void strayTokensAreReported() {
        assertThatThrownBy(() -> ConfigTreeParser.parse(";\n{ x; }\n}", "t.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        t.conf:1:1: unexpected ';' with no directive before it
                        t.conf:2:1: '{' with no directive name before it
                        t.conf:3:1: unexpected '}' with no open block""");
    }

    @Test
    void nestedUnclosedBlocksAreAllReported() {
        assertThatThrownBy(() -> ConfigTreeParser.parse("a {\n b {\n", "t.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        t.conf:1:1: block 'a' is not closed: the '{' at 1:3 has no matching '}'
                        t.conf:2:2: block 'b' is not closed: the '{' at 2:4 has no matching '}'""");
    }

    @Test
    void nodeNeedsOnePositionPerArgument() {
        assertThatThrownBy(() -> new ConfigNode("x", List.of("a"), List.of(), false, at(1, 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ConfigNode("x", List.of("a"), List.of(), false, at(1, 1)).argPos(0)).isEqualTo(at(1, 1));
    }
}
