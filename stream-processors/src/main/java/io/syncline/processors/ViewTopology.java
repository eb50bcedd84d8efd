package io.syncline.processors;

import io.syncline.config.JoinKind;
import io.syncline.config.TruncatePolicy;
import io.syncline.processors.plan.JoinPlan;
import io.syncline.processors.plan.RowSource;
import io.syncline.processors.plan.ViewPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the view topology from view plans: a pure function, tested with TopologyTestDriver.
 *
 * <p>Each table's change events become rows keyed by document id (replays dropped, TOAST filled
 * in). A view of one table with no transforms sends them to its view topic as they are. A joined
 * view keeps each table as a KTable: many-to-one joins are Kafka Streams foreign-key joins (a
 * customer change reaches every order that points to it), one-to-many joins aggregate the
 * children by their parent's id and join that to the parent by key; a product change reaches the
 * items that point to it, and through them their orders. The last stage applies transforms and
 * versions each document ({@link DocumentProcessor}). Every store and internal topic is named
 * after its view and join, so the names stay stable when other views change.
 */
public final class ViewTopology {
    private final StreamsBuilder builder;
    private final ViewMetrics metrics;
    private final ProcessorViews processorViews;
    private final SourceRows sourceRows;
    private final SourceSchemaWatch schemaWatch;
    private final Map<String, Long> schemaVersions;
    private ViewPlan current;
    private final Map<String, KStream<String, String>> changeStreams = new HashMap<>();
    private final Map<String, KTable<String, byte[]>> rowTables = new HashMap<>();

    private ViewTopology(StreamsBuilder builder, ViewMetrics metrics, ProcessorViews processorViews,
                         SourceRows sourceRows, SourceSchemaWatch schemaWatch, Map<String, Long> schemaVersions) {
        this.builder = builder;
        this.metrics = metrics;
        this.processorViews = processorViews;
        this.sourceRows = sourceRows;
        this.schemaWatch = schemaWatch;
        this.schemaVersions = Map.copyOf(schemaVersions);
    }

    /** {@code sourceRows} reads TOASTed values a change left out and no earlier version holds. */
    public static StreamsBuilder build(StreamsBuilder builder, List<ViewPlan> views, ViewMetrics metrics,
                                       SourceRows sourceRows) {
        return build(builder, views, metrics, new ProcessorViews(), sourceRows);
    }

    /** Also records in {@code processorViews} which views each named node feeds (for dead letters). */
    public static StreamsBuilder build(StreamsBuilder builder, List<ViewPlan> views, ViewMetrics metrics,
                                       ProcessorViews processorViews, SourceRows sourceRows) {
        return build(builder, views, metrics, processorViews, sourceRows, SourceSchemaWatch.NONE, Map.of());
    }

    /**
     * Also checks each change event's schema fingerprint with {@code schemaWatch} before any view sees
     * it, and puts on each view's records the version of its schema in {@code schemaVersions} (by view
     * name; a view not in it gets no version header).
     */
    public static StreamsBuilder build(StreamsBuilder builder, List<ViewPlan> views, ViewMetrics metrics,
                                       ProcessorViews processorViews, SourceRows sourceRows,
                                       SourceSchemaWatch schemaWatch, Map<String, Long> schemaVersions) {
        ViewTopology topology = new ViewTopology(builder, metrics, processorViews, sourceRows, schemaWatch, schemaVersions);
        views.forEach(topology::add);
        return builder;
    }

    /** The store that holds a view's latest row per document (replay guard, TOAST carry-forward). */
    public static String rowStoreName(ViewPlan view) {
        return "view-" + view.view() + "-state";
    }

    private void add(ViewPlan view) {
        current = view;
        processorViews.add("view-" + view.view() + "-", view.view());
        metrics.view(view.view()); // counted from zero, before its first record
        KStream<String, byte[]> documents;
        if (view.direct()) {
            documents = rows(view.root(), rowStoreName(view), true);
        } else if (view.joins().isEmpty()) {
            documents = finish(view, rows(view.root(), rowStoreName(view), false));
        } else {
            KTable<String, byte[]> joined = rowTable(view.root());
            List<JoinPlan> joins = view.joins();
            for (int i = 0; i < joins.size(); i++) {
                String name = "view-" + view.view() + "-" + joins.get(i).name();
                joined = join(joined, joins.get(i), name, i < joins.size() - 1);
            }
            documents = finish(view, joined.toStream(Named.as("view-" + view.view() + "-joined")));
        }
        Long schemaVersion = schemaVersions.get(view.view());
        if (schemaVersion != null) {
            documents = documents.processValues(() -> new ViewSchemaStamp(schemaVersion),
                    Named.as("view-" + view.view() + "-schema-version"));
        }
        documents.to(view.viewTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("view-" + view.view() + "-out"));
    }

    private KStream<String, byte[]> finish(ViewPlan view, KStream<String, byte[]> records) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(view.documentStoreName()), Serdes.String(), Serdes.ByteArray()));
        return records.process(() -> new DocumentProcessor(view, metrics), Named.as(view.documentStoreName()),
                view.documentStoreName());
    }

    /** {@code left} with {@code join} embedded; materialized when another join reads it. */
    private KTable<String, byte[]> join(KTable<String, byte[]> left, JoinPlan join, String name, boolean materialize) {
        JoinFunctions functions = new JoinFunctions(join);
        KTable<String, byte[]> right = joinedRows(join, name);
        if (join.kind() == JoinKind.ONE) {
            // Always a named store: Kafka Streams' explicit naming check wants one for a foreign-key join's
            // output. When no other join reads the output, nothing reads that store: no changelog (one Kafka
            // write less per joined row).
            Materialized<String, byte[], KeyValueStore<Bytes, byte[]>> output = materialized(name + "-joined");
            return left.leftJoin(right, functions::foreignKey, functions::embedOne, TableJoined.as(name),
                    materialize ? output : output.withLoggingDisabled());
        }
        KTable<String, byte[]> children = right
                .filter((id, child) -> functions.parentKey(child) != null, Named.as(name + "-with-parent"))
                .groupBy((id, child) -> KeyValue.pair(functions.parentKey(child), child),
                        Grouped.with(name + "-by-parent", Serdes.String(), Serdes.ByteArray()))
                .aggregate(() -> JoinFunctions.emptyChildren(),
                        (parent, child, all) -> functions.addChild(child, all),
                        (parent, child, all) -> functions.removeChild(child, all),
                        Named.as(name + "-children"), materialized(name + "-children").withCachingEnabled());
        return materialize
                ? left.leftJoin(children, functions::embedMany, Named.as(name + "-join"), materialized(name + "-joined"))
                : left.leftJoin(children, functions::embedMany, Named.as(name + "-join"));
    }

    /** The joined table's rows with their own (nested) joins embedded. */
    private KTable<String, byte[]> joinedRows(JoinPlan join, String name) {
        KTable<String, byte[]> rows = rowTable(join.source());
        List<JoinPlan> nested = join.joins();
        for (JoinPlan inner : nested) {
            rows = this.join(rows, inner, name + "-" + inner.name(), true);
        }
        return rows;
    }

    /** A table's rows as a KTable keyed by document id, shared by every view that reads the table the same way. */
    private KTable<String, byte[]> rowTable(RowSource source) {
        processorViews.add("rows-" + source.name(), current.view());
        processorViews.add("changes-" + source.changeTopic(), current.view());
        return rowTables.computeIfAbsent(source.name(), n -> {
            String name = "rows-" + source.name();
            return rows(source, name + "-state", false).toTable(Named.as(name), materialized(name));
        });
    }

    /** The rows of {@code source} by the current view's onTruncate (views sharing rows agree: ViewPlanner). */
    private KStream<String, byte[]> rows(RowSource source, String storeName, boolean emitsDocuments) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.ByteArray()));
        String viewName = storeName.replace("-state", "");
        String node = storeName + "-process";
        TruncatePolicy onTruncate = current.onTruncate();
        return changes(source.changeTopic()).process(
                () -> new ViewRecordProcessor(viewName, source, storeName, emitsDocuments, sourceRows, metrics,
                        new TruncateHandler(source.table(), onTruncate, () -> processorViews.viewsOf(node), metrics),
                        new SnapshotSweep(source.table(), () -> processorViews.viewsOf(node), metrics),
                        () -> processorViews.viewListOf(node)),
                Named.as(node), storeName);
    }

    private KStream<String, String> changes(String topic) {
        processorViews.add("changes-" + topic, current.view());
        return changeStreams.computeIfAbsent(topic,
                t -> builder.stream(t, Consumed.with(Serdes.String(), Serdes.String()).withName("changes-" + t))
                        .processValues(() -> new SourceSchemaCheck(t, schemaWatch), Named.as("changes-" + t + "-schema")));
    }

    /**
     * A KTable's store, without a record cache. Only the one-to-many aggregates keep one, where it pays:
     * a parent's children reach the join once per commit, not once per child. Kafka Streams (4.3.1)
     * marks a cache's dirty entries clean before it writes them to the store one by one, forwarding
     * each. With both stores of a join cached, the join's read of the other store can flush that
     * store's cache in turn, whose side of the join then reads a key of the first store that is
     * neither in its cache nor written yet: the store's older value goes back into the cache, and the
     * next update builds on it (benchmark J4 lost children of orders this way). With one side of every
     * join uncached, no store is read while its own cache flushes. Uncached stores forward deletes of
     * keys they never held, as an unmaterialized join does; the documents stage drops them.
     */
    private static Materialized<String, byte[], KeyValueStore<Bytes, byte[]>> materialized(String name) {
        return Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()).withCachingDisabled();
    }
}
