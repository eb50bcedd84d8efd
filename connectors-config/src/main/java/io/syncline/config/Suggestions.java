package io.syncline.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?": the candidate closest to a misspelt name, if any is close enough. Public for
 * the expression parser ({@code io.syncline.config.expr}), which names unknown functions this way.
 */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> closest(String given, Collection<String> candidates) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int allowed = Math.min(3, Math.max(1, wanted.length() / 3));
        return candidates.stream()
                .filter(candidate -> isClose(wanted, candidate.toLowerCase(Locale.ROOT), allowed))
                .min(Comparator.comparingInt(candidate -> distance(wanted, candidate.toLowerCase(Locale.ROOT))));
    }

    /** "; did you mean 'x'?" or nothing; for appending to a message. */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** " (label: a, b, c)", sorted; for appending to a message. */
    public static String listing(String label, Collection<String> candidates) {
        return " (" + label + ": " + String.join(", ", candidates.stream().sorted().toList()) + ")";
    }

    private static boolean isClose(String wanted, String candidate, int allowed) {
        boolean prefix = wanted.length() >= 3 && (candidate.startsWith(wanted) || wanted.startsWith(candidate));
        return prefix || distance(wanted, candidate) <= allowed;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
