package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.update_aliases.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts a rebuilt index in place of a view's index name with one {@code _aliases} request, which
 * Elasticsearch applies atomically: searches, counts and writes through the name see the old
 * documents until it and the rebuilt ones after it, never a missing or empty index.
 * <ul>
 *   <li>the name is a concrete index: {@code add} (the name as an alias of the rebuilt index) and
 *       {@code remove_index} (the old index, deleted in the same step; an index and an alias cannot
 *       share a name, so this is the only atomic way);</li>
 *   <li>the name is already an alias (an earlier reset): it moves ({@code remove} and {@code add}),
 *       and the old index is deleted after, so a write already routed to it finishes there instead
 *       of failing on a deleted index;</li>
 *   <li>the name is free: it becomes an alias of the rebuilt index.</li>
 * </ul>
 * The sink writes, counts and checks mappings through the name whether it is an index or an alias
 * of one index, so the daemon and its next start go on as before.
 */
final class IndexSwap {
    private final ElasticsearchClient client;
    private final String name;

    IndexSwap(ElasticsearchClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /** What {@link #to} will do, in words. */
    String plan(String fresh) throws IOException {
        Set<String> behind = aliased();
        if (!behind.isEmpty()) {
            return "alias " + name + " moves from " + String.join(", ", behind) + " to " + fresh
                    + " (one _aliases request); then index " + String.join(", ", behind) + " is deleted";
        }
        if (indexExists()) {
            return "index " + name + " is replaced by alias " + name + " -> " + fresh
                    + " (one _aliases request: add and remove_index); the old index is deleted in that step";
        }
        return name + " does not exist: it becomes an alias of " + fresh;
    }

    /** Makes {@code fresh} searchable, then swaps it in (see the class comment). */
    void to(String fresh) throws IOException {
        client.indices().refresh(r -> r.index(fresh));
        Set<String> behind = aliased();
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(a -> a.add(x -> x.index(fresh).alias(name))));
        if (!behind.isEmpty()) {
            behind.forEach(old -> actions.add(Action.of(a -> a.remove(x -> x.index(old).alias(name)))));
        } else if (indexExists()) {
            actions.add(Action.of(a -> a.removeIndex(x -> x.index(name))));
        }
        client.indices().updateAliases(u -> u.actions(actions));
        for (String old : behind) {
            client.indices().delete(d -> d.index(old));
        }
    }

    /** The indices the name is an alias of; empty when it is not an alias. */
    private Set<String> aliased() throws IOException {
        if (!client.indices().existsAlias(e -> e.name(name)).value()) {
            return Set.of();
        }
        return new TreeSet<>(client.indices().getAlias(g -> g.name(name)).result().keySet());
    }

    /** Whether the name is an index or an alias (the exists API answers for both). */
    private boolean indexExists() throws IOException {
        return client.indices().exists(e -> e.index(name)).value();
    }
}
