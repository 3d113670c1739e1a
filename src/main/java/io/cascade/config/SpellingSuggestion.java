package io.cascade.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known word a misspelt one was probably meant to be, by Levenshtein distance extended
 * with transpositions (optimal string alignment): swapped neighbours such as {@code inptu} are
 * the commonest typo and should cost one edit, not two.
 */
final class SpellingSuggestion {

    /** Longer words are not typos of any keyword; skipping them keeps garbage input cheap. */
    private static final int MAX_WORD_LENGTH = 64;

    private SpellingSuggestion() {
    }

    /**
     * The nearest candidate, if it is near enough to be a plausible typo: one edit for short
     * words, a third of the word's length for longer ones, so that {@code ftp} is not "corrected"
     * to {@code rtmp}. Ties go to the earlier candidate.
     */
    static Optional<String> nearest(String word, Collection<String> candidates) {
        if (word.length() > MAX_WORD_LENGTH) {
            return Optional.empty();
        }
        int allowed = Math.max(1, word.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Edit distance with insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
