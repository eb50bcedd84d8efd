package io.syncline.sink.mongodb;

import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SinkFactory;
import io.syncline.sink.SinkOptions;
import io.syncline.sink.SinkProblem;
import io.syncline.sink.SinkWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mongodb} sink: views routed to collections ({@code collection:} in the pipeline file),
 * one document per view record id. Connection options: {@code uri} (required, a
 * {@code mongodb://} or {@code mongodb+srv://} connection string) and {@code database} (required).
 */
public final class MongoSinkFactory implements SinkFactory {
    /** A namespace ({@code database.collection}) has at most 255 bytes; this leaves room for the database. */
    private static final int MAX_COLLECTION_NAME_BYTES = 190;

    @Override
    public String type() {
        return "mongodb";
    }

    @Override
    public String targetKey() {
        return "collection";
    }

    @Override
    public List<ConnectionOption> connectionOptions() {
        return MongoSinkOptions.OPTIONS;
    }

    @Override
    public List<SinkProblem> validate(SinkOptions options) {
        List<SinkProblem> problems = new ArrayList<>(MongoSinkOptions.problems(options.connection()));
        options.targets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(route ->
                collectionNameProblem(route.getValue()).ifPresent(message ->
                        problems.add(new SinkProblem("views." + route.getKey() + ".collection", message))));
        return problems;
    }

    @Override
    public SinkWriter create(SinkOptions options) {
        return new MongoSinkWriter(options);
    }

    /** MongoDB's rules for a collection name, so a bad one is reported before anything starts. */
    static Optional<String> collectionNameProblem(String collection) {
        String message = null;
        if (collection == null || collection.isEmpty()) {
            message = "a collection name is required";
        } else if (collection.contains("$") || collection.indexOf('\0') >= 0) {
            message = "collection names cannot contain '$' or a NUL character ('" + collection + "')";
        } else if (collection.startsWith("system.")) {
            message = "the system. prefix is reserved for MongoDB's own collections ('" + collection + "')";
        } else if (collection.getBytes(StandardCharsets.UTF_8).length > MAX_COLLECTION_NAME_BYTES) {
            message = "collection names are at most " + MAX_COLLECTION_NAME_BYTES + " bytes";
        }
        return Optional.ofNullable(message);
    }
}
