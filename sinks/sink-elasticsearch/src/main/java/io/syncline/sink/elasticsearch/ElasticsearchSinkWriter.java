package io.syncline.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import co.elastic.clients.elasticsearch.indices.IndexState;
import co.elastic.clients.transport.TransportException;
import io.syncline.sink.Disposition;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.FieldType;
import io.syncline.view.ViewSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes view records to Elasticsearch indices, one bulk request per batch, guarded by external
 * versioning: every index and delete carries the record's version, so Elasticsearch itself
 * refuses anything older than what it holds (409, reported {@link WriteOutcome.Stale}). Deletes
 * leave a versioned tombstone for {@code index.gc_deletes} (60 s by default), which refuses a
 * late older write of the deleted document within that window.
 */
public final class ElasticsearchSinkWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);
    private static final String ALREADY_EXISTS = "resource_already_exists_exception";
    /** {@code index.mapping.nested_objects.limit} of the indices the sink creates (Elasticsearch's default: 10,000). */
    static final long MAX_NESTED_OBJECTS = 1_000_000;

    /** Documents per page of {@link #scan}. */
    static final int SCAN_PAGE = 2_000;
    private static final String SCAN_KEEP_ALIVE = "2m";

    /**
     * Where a view's documents go, their schema, its field types by name (looked up per value), the
     * mapping of each json field named in the route, and which of them are written as JSON text.
     */
    private record Route(String index, ViewSchema schema, Map<String, FieldType> types,
                         Map<String, JsonFieldMapping> jsonMappings) {
    }

    private final String sinkName;
    private final ElasticsearchSinkOptions options;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private ElasticsearchConnection connection;

    ElasticsearchSinkWriter(String sinkName, ElasticsearchSinkOptions options, Map<String, String> indexByView,
                            Map<String, ViewSchema> schemaByView) {
        this(sinkName, options, indexByView, schemaByView, Map.of());
    }

    /** {@code jsonMappingsByView}: per view, json field path → its mapping (the route's {@code mappings}). */
    ElasticsearchSinkWriter(String sinkName, ElasticsearchSinkOptions options, Map<String, String> indexByView,
                            Map<String, ViewSchema> schemaByView, Map<String, Map<String, JsonFieldMapping>> jsonMappingsByView) {
        this.sinkName = sinkName;
        this.options = options;
        indexByView.forEach((view, index) -> {
            ViewSchema schema = schemaByView.get(view);
            if (schema == null) {
                throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " has no schema");
            }
            Map<String, JsonFieldMapping> jsonMappings = jsonMappingsByView.getOrDefault(view, Map.of());
            routes.put(view, new Route(index, schema, schema.types(), Map.copyOf(jsonMappings)));
        });
    }

    @Override
    public void prepare() throws IOException {
        if (connection == null) {
            connection = ElasticsearchConnection.open(options);
        }
        for (Map.Entry<String, Route> route : routes.entrySet()) {
            ensureIndex(route.getKey(), route.getValue());
        }
    }

    /**
     * Creates the index with the schema's mapping; an existing index gets the fields it lacks (columns
     * added upstream), and fields mapped with another type are reported (they cannot change in place).
     */
    private void ensureIndex(String view, Route route) throws IOException {
        ElasticsearchClient client = connection.client();
        if (client.indices().exists(e -> e.index(route.index())).value()) {
            MappingAlignment alignment = alignment(route);
            alignment.mismatches().forEach(m -> LOG.warn("sink {}: {}", sinkName, m));
            if (!alignment.missing().isEmpty()) {
                client.indices().putMapping(p -> p.index(route.index()).properties(alignment.missing()));
                LOG.info("sink {}: index {} for view {}: added fields {} to its mapping", sinkName, route.index(), view,
                        alignment.describeMissing());
            }
            String refreshInterval = refreshIntervalToSet(route);
            if (refreshInterval != null) {
                // A dynamic setting: changed in place, for the index behind an alias too.
                client.indices().putSettings(p -> p.index(route.index()).settings(s -> s.refreshInterval(t -> t.time(refreshInterval))));
                LOG.info("sink {}: index {} for view {}: refresh_interval set to {} (connection.refreshInterval)", sinkName,
                        route.index(), view, refreshInterval);
            }
            return;
        }
        try {
            client.indices().create(c -> c.index(route.index())
                    .settings(s -> {
                        s.numberOfShards(Integer.toString(options.numberOfShards()))
                                .numberOfReplicas(Integer.toString(options.numberOfReplicas()))
                                // Joined children are nested objects; Elasticsearch refuses a document with more
                                // than 10,000 by default, fewer than a parent with many children has.
                                .mapping(m -> m.nestedObjects(n -> n.limit(MAX_NESTED_OBJECTS)));
                        if (options.refreshInterval() != null) {
                            s.refreshInterval(t -> t.time(options.refreshInterval()));
                        }
                        return s;
                    })
                    .mappings(MappingFromSchema.mapping(route.schema(), route.jsonMappings())));
            LOG.info("sink {}: created index {} for view {} ({} mapped fields)", sinkName, route.index(), view,
                    route.schema().fields().size());
        } catch (ElasticsearchException e) {
            // Another sink worker created it between our check and our create.
            if (e.error() == null || !ALREADY_EXISTS.equals(e.error().type())) {
                throw e;
            }
            LOG.info("sink {}: index {} for view {} was created concurrently; left as it is", sinkName, route.index(), view);
        }
    }

    /**
     * The configured refresh interval when the existing index has another, else null. Without the
     * option the index keeps whatever it has: someone may have set it by hand.
     */
    private String refreshIntervalToSet(Route route) throws IOException {
        String wanted = options.refreshInterval();
        if (wanted == null) {
            return null;
        }
        IndexSettings settings = connection.client().indices().getSettings(g -> g.index(route.index())).result().values()
                .stream().findFirst().map(IndexState::settings).orElse(null);
        Time current = settings == null ? null : settings.index() != null ? settings.index().refreshInterval() : settings.refreshInterval();
        String currentText = current == null ? null : current.isTime() ? current.time() : Integer.toString(current.offset());
        return wanted.equals(currentText) ? null : wanted;
    }

    private MappingAlignment alignment(Route route) throws IOException {
        Map<String, co.elastic.clients.elasticsearch._types.mapping.Property> current = connection.client().indices()
                .getMapping(g -> g.index(route.index())).result().values().stream()
                .findFirst().map(m -> m.mappings().properties()).orElse(Map.of());
        return MappingAlignment.of(route.index(), current, MappingFromSchema.mapping(route.schema(), route.jsonMappings()));
    }

    @Override
    public List<String> pendingChanges() throws IOException {
        if (connection == null) {
            connection = ElasticsearchConnection.open(options);
        }
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, Route> entry : routes.entrySet()) {
            Route route = entry.getValue();
            if (!connection.client().indices().exists(e -> e.index(route.index())).value()) {
                changes.add("create index " + route.index() + " for view " + entry.getKey() + " ("
                        + route.schema().fields().size() + " mapped fields)");
                continue;
            }
            MappingAlignment alignment = alignment(route);
            if (!alignment.missing().isEmpty()) {
                changes.add("index " + route.index() + ": add fields " + alignment.describeMissing() + " to the mapping");
            }
            String refreshInterval = refreshIntervalToSet(route);
            if (refreshInterval != null) {
                changes.add("index " + route.index() + ": set refresh_interval to " + refreshInterval);
            }
            changes.addAll(alignment.mismatches());
        }
        return changes;
    }

    @Override
    public List<WriteOutcome> write(List<SinkRecord> batch) throws IOException {
        requirePrepared();
        WriteOutcome[] outcomes = new WriteOutcome[batch.size()];
        List<Integer> positions = new ArrayList<>(batch.size());
        List<BulkOperation> operations = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            try {
                operations.add(operation(record));
                positions.add(i);
            } catch (UnwritableRecordException e) {
                // This record alone can never be written; the others of the batch go on.
                outcomes[i] = WriteOutcome.failed(Disposition.DEAD_LETTER, e.getMessage(), e);
            }
        }
        if (!operations.isEmpty()) {
            // A 413 (request too large) splits the request instead of failing the sink.
            List<WriteOutcome> written = SplittingBulk.write(operations, this::bulk);
            for (int k = 0; k < written.size(); k++) {
                outcomes[positions.get(k)] = written.get(k);
            }
        }
        return Arrays.asList(outcomes);
    }

    private List<WriteOutcome> bulk(List<BulkOperation> operations) throws IOException {
        BulkResponse response = connection.client().bulk(new BulkRequest.Builder().operations(operations).build());
        List<BulkResponseItem> items = response.items();
        if (items.size() != operations.size()) {
            throw new IllegalStateException("sink " + sinkName + ": bulk answered " + items.size()
                    + " items for " + operations.size() + " operations");
        }
        List<WriteOutcome> outcomes = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            BulkResponseItem item = items.get(k);
            if (swappedAway(item, operations.get(k))) {
                String cause = BulkItemOutcomes.cause(item.status(), item.error()) + " (its name now serves another index)";
                outcomes.add(WriteOutcome.failed(Disposition.RETRY, cause,
                        new BulkItemOutcomes.BulkItemException(item.status(), cause)));
            } else {
                outcomes.add(BulkItemOutcomes.outcome(item));
            }
        }
        return outcomes;
    }

    /**
     * Whether an item failed because its index was deleted while the bulk ran, though the name it
     * was sent to still resolves: {@code syncline reset} swapped a rebuilt index in. Written
     * again, it goes there; a name that resolves to nothing stays a failure.
     */
    private boolean swappedAway(BulkResponseItem item, BulkOperation operation) throws IOException {
        if (item.error() == null || !BulkItemOutcomes.INDEX_NOT_FOUND.equals(item.error().type())) {
            return false;
        }
        String name = operation.isIndex() ? operation.index().index() : operation.delete().index();
        return connection.client().indices().exists(e -> e.index(name)).value();
    }

    private BulkOperation operation(SinkRecord sinkRecord) {
        Route route = route(sinkRecord.view());
        return BulkOperations.operation(route.index(), sinkRecord.record(), route.types(), route.jsonMappings(), options.versionType());
    }

    /** Documents in the view's index now: refreshed first, so every acknowledged write counts. */
    @Override
    public long count(String view) throws IOException {
        requirePrepared();
        String index = route(view).index();
        connection.client().indices().refresh(r -> r.index(index));
        return connection.client().count(c -> c.index(index)).count();
    }

    /**
     * Every document of the view's index (or alias), refreshed first, read in pages of
     * {@value #SCAN_PAGE} through a point in time ({@code search_after} on {@code _shard_doc}), so
     * concurrent writes and a swap do not shift pages; the point in time is closed at the end.
     * Each document's version is its {@code _version} (the external version written), its fields
     * {@code _source}'s with exact numbers, json fields read back by {@link StoredFields}.
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void scan(String view, Consumer<StoredDocument> each) throws IOException {
        requirePrepared();
        Route route = route(view);
        ElasticsearchClient client = connection.exactClient();
        client.indices().refresh(r -> r.index(route.index()));
        String pit = client.openPointInTime(p -> p.index(route.index()).keepAlive(k -> k.time(SCAN_KEEP_ALIVE))).id();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Map> page = client.search(s -> {
                    s.pit(p -> p.id(pit).keepAlive(k -> k.time(SCAN_KEEP_ALIVE))).size(SCAN_PAGE).version(true)
                            .trackTotalHits(t -> t.enabled(false))
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    return from == null ? s : s.searchAfter(from);
                }, Map.class);
                List<Hit<Map>> hits = page.hits().hits();
                for (Hit<Map> hit : hits) {
                    each.accept(new StoredDocument(hit.id(), hit.version(),
                            StoredFields.of(hit.source(), route.schema().fields(), route.jsonMappings())));
                }
                if (hits.size() < SCAN_PAGE) {
                    return;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            client.closePointInTime(c -> c.id(pit));
        }
    }

    @Override
    public String swapPlan(String view, String freshTarget) throws IOException {
        if (connection == null) {
            connection = ElasticsearchConnection.open(options);
        }
        return new IndexSwap(connection.client(), route(view).index()).plan(freshTarget);
    }

    /** See {@link IndexSwap}. */
    @Override
    public void swap(String view, String freshTarget) throws IOException {
        requirePrepared();
        new IndexSwap(connection.client(), route(view).index()).to(freshTarget);
        LOG.info("sink {}: {} for view {} now serves index {}", sinkName, route(view).index(), view, freshTarget);
    }

    @Override
    public void discard(String view, String freshTarget) throws IOException {
        if (freshTarget.equals(route(view).index())) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + freshTarget + " is the live index of view " + view);
        }
        requirePrepared();
        connection.client().indices().delete(d -> d.index(freshTarget).ignoreUnavailable(true));
    }

    private Route route(String view) {
        Route route = routes.get(view);
        if (route == null) {
            // The runner routes only this sink's views here; anything else is a bug, not a bad record.
            throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " is not routed to it");
        }
        return route;
    }

    private void requirePrepared() {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": used before prepare");
        }
    }

    /**
     * {@code HEAD /}: whether Elasticsearch answers at all. Any HTTP status counts as an answer: a proxy,
     * a user without the {@code monitor} privilege or a server that allows only some methods on {@code /}
     * refuses it (401, 403, 405) while writes work. Only no answer (refused, timed out) is unreachable.
     */
    @Override
    public void checkReachable() throws IOException {
        if (connection == null) {
            throw new IllegalStateException("sink " + sinkName + ": the writer is not prepared");
        }
        try {
            connection.client().ping();
        } catch (TransportException e) {
            if (e.statusCode() <= 0) {
                throw e;
            }
        }
    }

    @Override
    public Disposition classify(Throwable error) {
        return ElasticsearchErrors.classify(error);
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException e) {
            LOG.warn("sink {}: closing the Elasticsearch client failed", sinkName, e);
        }
        connection = null;
    }
}
