package io.cascade.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingSuggestionTest {

    private static final List<String> WORDS = List.of("input", "static", "ondemand", "dvr", "on_play", "backup");

    @Test
    void distanceCountsEditsAndTranspositions() {
        assertThat(SpellingSuggestion.distance("", "abc")).isEqualTo(3);
        assertThat(SpellingSuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SpellingSuggestion.distance("inptu", "input")).isEqualTo(1);
        assertThat(SpellingSuggestion.distance("same", "same")).isZero();
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        assertThat(SpellingSuggestion.nearest("inptu", WORDS)).contains("input");
        assertThat(SpellingSuggestion.nearest("statc", WORDS)).contains("static");
        assertThat(SpellingSuggestion.nearest("onplay", WORDS)).contains("on_play");
        assertThat(SpellingSuggestion.nearest("dv", WORDS)).contains("dvr");
        assertThat(SpellingSuggestion.nearest("xyz", WORDS)).isEmpty();
        assertThat(SpellingSuggestion.nearest("completely_unrelated", WORDS)).isEmpty();
        assertThat(SpellingSuggestion.nearest("x".repeat(10_000), WORDS)).isEmpty();
    }
}
