package io.syncline.cli.dlq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dead letters a replay takes ({@code --all}, {@code --cause TEXT}: the text appears in
 * {@code <exception>: <cause>}, case-insensitively; {@code --key K}: the key as text is exactly K),
 * and how {@code list} groups them (by {@link DeadLetter#cause()}, in order of first appearance).
 */
sealed interface Selection {
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

    static Map<String, List<DeadLetter>> byCause(List<DeadLetter> records) {
        Map<String, List<DeadLetter>> groups = new LinkedHashMap<>();
        for (DeadLetter record : records) {
            groups.computeIfAbsent(record.cause(), c -> new ArrayList<>()).add(record);
        }
        return groups;
    }
}
