package io.syncline.processors;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which views a processor of the view topology feeds, found by the name Kafka Streams gives the
 * node: {@link ViewTopology} registers the prefixes it names nodes with ({@code view-<view>-},
 * {@code rows-<table>}, {@code changes-<topic>}); internal nodes of joins and aggregations carry
 * those names plus a suffix. A table's rows and change stream are shared by every view that reads
 * them, so a node can feed several views. The longest registered prefix wins.
 */
public final class ProcessorViews {
    private final Map<String, SortedSet<String>> byPrefix = new ConcurrentHashMap<>();

    void add(String nodePrefix, String view) {
        byPrefix.computeIfAbsent(nodePrefix, p -> new TreeSet<>()).add(view);
    }

    /** The views {@code node} feeds, comma-separated; empty when unknown. */
    public String viewsOf(String node) {
        return String.join(",", viewListOf(node));
    }

    /** The views {@code node} feeds, sorted; empty when unknown. */
    public List<String> viewListOf(String node) {
        if (node == null) {
            return List.of();
        }
        TreeMap<Integer, SortedSet<String>> matches = new TreeMap<>();
        byPrefix.forEach((prefix, views) -> {
            if (node.startsWith(prefix)) {
                matches.put(prefix.length(), views);
            }
        });
        return matches.isEmpty() ? List.of() : List.copyOf(matches.lastEntry().getValue());
    }
}
