package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamePatternTest {

    @ParameterizedTest
    @CsvSource({
            "football, football, true",
            "football, football2, false",
            "football, foot, false",
            "mylive/*, mylive/a, true",
            "mylive/*, mylive/a/b, true",
            "mylive/*, mylive/, true",
            "mylive/*, mylive, false",
            "mylive/*, other/mylive/a, false",
            "*, anything/at/all, true",
            "*hd, news/hd, true",
            "*hd, news/hd/low, false",
            "a*b*c, aXXbYYc, true",
            "a*b*c, abcabc, true",
            "a*b*c, acb, false",
            "**, x, true",
            "a.b, aXb, false",
            "*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false"})
    void wildcardMatchesAnyRunIncludingSlashes(String pattern, String name, boolean matches) {
        assertThat(new NamePattern(pattern).matches(name)).isEqualTo(matches);
    }

    @Test
    void starMatchesTheEmptyName() {
        assertThat(new NamePattern("*").matches("")).isTrue();
        assertThat(new NamePattern("a").matches("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a?", "a b", "[ab]", "a|b"})
    void onlyNameCharactersAndStarAreAllowed(String pattern) {
        assertThatThrownBy(() -> new NamePattern(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid stream name pattern");
    }

    @Test
    void sourceExposesItsPatterns() throws ConfigException {
        SourceConfig source = ConfigLoader.parse("source a { only mylive/*; except mylive/x; }", "p.conf")
                .sources().get(0);
        assertThat(source.onlyPatterns()).extracting(p -> p.matches("mylive/y")).containsExactly(true);
        assertThat(source.exceptPatterns()).extracting(p -> p.matches("mylive/x")).containsExactly(true);
    }
}
