package io.cascade.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerTextTest {
    @Test
    void printableTextIsUnchanged() {
        assertThat(PeerText.escape("news/world-1_a.b é 日本")).isEqualTo("news/world-1_a.b é 日本");
    }

    @Test
    void controlCharactersCannotBreakOrForgeALogLine() {
        assertThat(PeerText.escape("a\u0000b")).isEqualTo("a\\x00b");
        assertThat(PeerText.escape("x\nINFO forged line\r")).isEqualTo("x\\nINFO forged line\\r");
        assertThat(PeerText.escape("\t\u001b[31mred\u007f\u0085")).isEqualTo("\\t\\x1b[31mred\\x7f\\x85");
        assertThat(PeerText.escape("a\u2028b\u202ec")).isEqualTo("a\\u2028b\\u202ec");
    }

    @Test
    void aBackslashIsEscapedSoEscapesCannotBeForged() {
        assertThat(PeerText.escape("\\x00")).isEqualTo("\\\\x00");
    }

    @Test
    void longTextIsCutSayingHowMuchWasLeftOut() {
        String out = PeerText.escape("a".repeat(PeerText.MAX_CHARS + 10));
        assertThat(out).startsWith("a".repeat(PeerText.MAX_CHARS)).endsWith("…(10 more chars)");
    }

    @Test
    void nullIsSaidSo() {
        assertThat(PeerText.escape(null)).isEqualTo("null");
    }
}
