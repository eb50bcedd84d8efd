package io.syncline.sink.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.RenameCollectionOptions;
import io.syncline.sink.Disposition;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.StoredDocument;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.FieldType;
import io.syncline.view.ViewField;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes view documents to MongoDB collections, keyed by {@code _id} = the record id, version
 * guarded ({@link BulkPlan}, {@link CollectionWriter}), with one outcome per record
 * ({@link BulkOutcomes}). MongoDB creates databases and collections on first write, so
 * {@link #prepare()} only checks names and that the deployment answers.
 */
final class MongoSinkWriter implements SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MongoSinkWriter.class);
    /** How long {@link #prepare()} waits for a server, unless the URI sets serverSelectionTimeoutMS. */
    private static final long SERVER_SELECTION_TIMEOUT_MS = 10_000;
    /** Documents per cursor batch of {@link #scan}. */
    static final int SCAN_BATCH = 1_000;

    private final String sinkName;
    private final MongoSinkOptions options;
    private final Map<String, String> collections;
    private final Map<String, ViewSchema> schemas;
    private final Map<String, Map<String, FieldType>> types = new LinkedHashMap<>();
    private MongoClient client;
    private MongoDatabase database;

    MongoSinkWriter(SinkOptions sinkOptions) {
        this.sinkName = sinkOptions.name();
        this.options = MongoSinkOptions.from(sinkOptions.name(), sinkOptions.connection());
        this.collections = sinkOptions.targets();
        this.schemas = sinkOptions.schemas();
        schemas.forEach((view, schema) -> types.put(view, schema.types()));
    }

    @Override
    public void prepare() {
        List<String> problems = new ArrayList<>();
        collections.forEach((view, collection) -> {
            MongoSinkFactory.collectionNameProblem(collection)
                    .ifPresent(problem -> problems.add("view " + view + ": " + problem));
            if (!schemas.containsKey(view)) {
                problems.add("view " + view + " has no schema");
            }
        });
        schemas.values().forEach(schema -> problems.addAll(VersionedDocuments.nameProblems(schema)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + String.join("; ", problems));
        }
        if (client == null) {
            client = MongoClients.create(settings());
            database = client.getDatabase(options.database());
        }
        database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
        LOG.info("sink {}: MongoDB at {} answers; database {}, collections {}", sinkName, options.hosts(),
                options.database(), collections.values());
    }

    @Override
    public List<WriteOutcome> write(List<SinkRecord> batch) {
        if (database == null) {
            throw new IllegalStateException("sink " + sinkName + ": write before prepare");
        }
        BulkPlan plan = BulkPlan.of(batch, collections, types);
        WriteOutcome[] outcomes = plan.outcomes();
        plan.byCollection().forEach((collection, writes) ->
                new CollectionWriter(collection(collection)).write(writes, outcomes));
        return List.of(outcomes);
    }

    /** MongoDB's {@code ping} command, within the client's server selection timeout. */
    @Override
    public void checkReachable() {
        if (database == null) {
            throw new IllegalStateException("sink " + sinkName + ": the writer is not prepared");
        }
        database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
    }

    @Override
    public Disposition classify(Throwable error) {
        return MongoErrors.classify(error);
    }

    /** The documents in a view's collection (deleted ones are gone, so every document counts). */
    @Override
    public long count(String view) {
        String collection = collections.get(view);
        if (collection == null || database == null) {
            throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " is not routed here, or not prepared");
        }
        return collection(collection).countDocuments();
    }

    /**
     * Every document of the view's collection (deletes remove documents, so all are current), read
     * through a cursor {@value #SCAN_BATCH} at a time: the schema's fields only, as plain Java
     * values ({@link BsonPlain}), {@code _id} and {@code _version}.
     */
    @Override
    public void scan(String view, Consumer<StoredDocument> each) {
        requirePrepared();
        ViewSchema schema = schemas.get(view);
        List<String> names = new ArrayList<>(schema.fields().stream().map(ViewField::name).toList());
        names.add(VersionedDocuments.VERSION);
        try (MongoCursor<Document> cursor = database.getCollection(liveCollection(view)).find()
                .projection(Projections.include(names))
                .batchSize(SCAN_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                long version = ((Number) document.remove(VersionedDocuments.VERSION)).longValue();
                String id = String.valueOf(document.remove(VersionedDocuments.ID));
                each.accept(new StoredDocument(id, version, BsonPlain.document(document)));
            }
        }
    }

    @Override
    public String swapPlan(String view, String freshTarget) {
        return "renameCollection " + options.database() + "." + freshTarget + " -> " + options.database() + "."
                + liveCollection(view) + " with dropTarget: true (atomic within a database); the old collection is dropped in that step";
    }

    /**
     * {@code renameCollection} with {@code dropTarget}: within one database MongoDB replaces the
     * target in a single catalog write, so readers of the name see the old collection, then the
     * new one (since 4.9; SERVER-53535). An empty view leaves no collection behind its writes, so
     * the rebuilt one is created first when missing.
     */
    @Override
    public void swap(String view, String freshTarget) {
        requirePrepared();
        if (!exists(freshTarget)) {
            database.createCollection(freshTarget);
        }
        collection(freshTarget).renameCollection(new MongoNamespace(options.database(), liveCollection(view)),
                new RenameCollectionOptions().dropTarget(true));
        LOG.info("sink {}: collection {} for view {} replaced by {}", sinkName, liveCollection(view), view, freshTarget);
    }

    @Override
    public void discard(String view, String freshTarget) {
        if (freshTarget.equals(liveCollection(view))) {
            throw new IllegalArgumentException("sink " + sinkName + ": " + freshTarget + " is the live collection of view " + view);
        }
        requirePrepared();
        collection(freshTarget).drop();
    }

    private boolean exists(String collection) {
        return database.listCollectionNames().into(new ArrayList<>()).contains(collection);
    }

    private String liveCollection(String view) {
        String collection = collections.get(view);
        if (collection == null) {
            throw new IllegalArgumentException("sink " + sinkName + ": view " + view + " is not routed here");
        }
        return collection;
    }

    private void requirePrepared() {
        if (database == null) {
            throw new IllegalStateException("sink " + sinkName + ": used before prepare");
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
            database = null;
        }
    }

    private MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }

    private MongoClientSettings settings() {
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(options.uri());
        if (options.uri().getServerSelectionTimeout() == null) {
            // The driver's default (30 s) would hold prepare() and every write to a lost deployment that long.
            builder.applyToClusterSettings(cluster ->
                    cluster.serverSelectionTimeout(SERVER_SELECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return builder.build();
    }
}
