package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLexerTest {

    private final ConfigErrors errors = new ConfigErrors();

    private List<String> lex(String text) {
        return ConfigLexer.tokenize(text, "l.conf", errors).stream()
                .map(t -> t.kind() + "(" + t.text() + ")@" + t.pos().line() + ":" + t.pos().column())
                .toList();
    }

    @Test
    void tokensCarryTheirLineAndColumn() {
        assertThat(lex("stream a/b {\n\tinput rtmp://x;  # comment; { }\n}")).containsExactly(
                "WORD(stream)@1:1", "WORD(a/b)@1:8", "OPEN_BRACE({)@1:12",
                "WORD(input)@2:2", "WORD(rtmp://x)@2:8", "SEMICOLON(;)@2:16",
                "CLOSE_BRACE(})@3:1", "END()@3:2");
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void wordsEndAtPunctuation() {
        assertThat(lex("a;b{c}d#e\nf\"g\"")).containsExactly(
                "WORD(a)@1:1", "SEMICOLON(;)@1:2", "WORD(b)@1:3", "OPEN_BRACE({)@1:4", "WORD(c)@1:5",
                "CLOSE_BRACE(})@1:6", "WORD(d)@1:7", "WORD(f)@2:1", "STRING(g)@2:2", "END()@2:5");
    }

    @Test
    void quotedStringsUnescapeQuoteAndBackslash() {
        assertThat(lex("k \"a \\\"b\\\\ c;{}#\";")).containsExactly(
                "WORD(k)@1:1", "STRING(a \"b\\ c;{}#)@1:3", "SEMICOLON(;)@1:18", "END()@1:19");
    }

    @Test
    void unterminatedStringIsReportedAtItsOpeningQuote() {
        lex("key \"abc\n;\n");
        assertThat(errorsOf()).containsExactly("l.conf:1:5: unterminated string: missing closing '\"'");
    }

    @Test
    void unsupportedEscapeIsReportedAtTheBackslash() {
        assertThat(lex("k \"a\\nb\";")).contains("STRING(a\\nb)@1:3");
        assertThat(errorsOf()).containsExactly(
                "l.conf:1:5: unsupported escape '\\n' in string: only \\\" and \\\\ are allowed");
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkDoNotShiftColumns() {
        assertThat(lex("\uFEFFa;\r\nb;")).containsExactly(
                "WORD(a)@1:1", "SEMICOLON(;)@1:2", "WORD(b)@2:1", "SEMICOLON(;)@2:2", "END()@2:3");
    }

    @Test
    void emptyInputIsJustTheEnd() {
        assertThat(lex("")).containsExactly("END()@1:1");
    }

    private List<String> errorsOf() {
        try {
            errors.throwIfAny();
            return List.of();
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
    }
}
