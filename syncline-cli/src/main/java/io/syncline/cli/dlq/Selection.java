package io.syncline.cli.dlq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which dead letters a replay takes ({@code --all}, {@code --cause TEXT}: the text appears in
 * {@code <exception>: <cause>}, case-insensitively; {@code --key K}: the key as text is exactly K),
 * and how {@code list} groups them (by {@link DeadLetter#cause()}, in order of first appearance).
 */
sealed interface Selection {
    /** Runs of digits, which a cause's group ignores. */
    Pattern NUMBERS = Pattern.compile("\\d+");

    boolean takes(DeadLetter record);

    record All() implements Selection {
        @Override
        public boolean takes(DeadLetter record) {
            return true;
        }
    }

    record ByCause(String text) implements Selection {
        @Override
        public boolean takes(DeadLetter record) {
            return record.cause().toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
        }
    }

    record ByKey(String key) implements Selection {
        @Override
        public boolean takes(DeadLetter record) {
            return record.keyText().equals(key);
        }
    }

    static List<DeadLetter> select(List<DeadLetter> records, Selection selection) {
        return records.stream().filter(selection::takes).toList();
    }

    /**
     * The records grouped by cause, labelled with the first one's cause. Causes that differ only in
     * numbers are one group: stores put counts and positions in their messages ("adding new fields
     * [997]", "[1:10767] failed to parse"), which would split one cause into a group per record.
     */
    static Map<String, List<DeadLetter>> byCause(List<DeadLetter> records) {
        Map<String, List<DeadLetter>> bySignature = new LinkedHashMap<>();
        for (DeadLetter record : records) {
            bySignature.computeIfAbsent(NUMBERS.matcher(record.cause()).replaceAll("#"), c -> new ArrayList<>()).add(record);
        }
        Map<String, List<DeadLetter>> groups = new LinkedHashMap<>();
        bySignature.values().forEach(group -> groups.put(group.get(0).cause(), group));
        return groups;
    }
}
