package io.syncline.sink.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoNamespace;
import io.syncline.sink.ConnectionOption;
import io.syncline.sink.SchemaChangePolicy;
import io.syncline.sink.SinkProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validated connection options of a MongoDB sink ({@code connection.*} in the pipeline file).
 * {@code toString()} never shows the URI, which may carry a password.
 *
 * @param uri      a standard {@code mongodb://} or {@code mongodb+srv://} connection string; its
 *                 options (credentials, TLS, timeouts, write concern) apply as given
 * @param database the database holding the sink's collections
 */
record MongoSinkOptions(ConnectionString uri, String database) {

    static final String URI = "uri";
    static final String DATABASE = "database";
    /** Every option, described for the pipeline file's schema; {@link #problems} accepts exactly these keys. */
    static final List<ConnectionOption> OPTIONS = List.of(
            ConnectionOption.requiredText(URI, "A mongodb:// or mongodb+srv:// connection string; its options (credentials, TLS,"
                    + " timeouts, write concern, which must be acknowledged) apply as given. Secret: it may carry a password.").asSecret(),
            ConnectionOption.requiredText(DATABASE, "The database holding the sink's collections."),
            SchemaChangePolicy.OPTION);

    /** Every problem with these connection options; empty when {@link #from} will succeed. No network. */
    static List<SinkProblem> problems(Map<String, String> connection) {
        List<SinkProblem> problems = new ArrayList<>(SinkProblem.unknownConnectionKeys(connection, OPTIONS));
        checkUri(connection.get(URI), problems);
        String database = connection.get(DATABASE);
        if (!present(database)) {
            problems.add(problem(DATABASE, "is required, e.g. shop"));
        } else {
            try {
                MongoNamespace.checkDatabaseNameValidity(database);
            } catch (IllegalArgumentException e) {
                problems.add(problem(DATABASE, "is not a valid MongoDB database name: " + e.getMessage()));
            }
        }
        SchemaChangePolicy.problem(connection).ifPresent(problems::add);
        return problems;
    }

    /** Parses valid options; invalid ones are an {@link IllegalArgumentException} listing every problem. */
    static MongoSinkOptions from(String sinkName, Map<String, String> connection) {
        SinkProblem.requireNone(sinkName, problems(connection));
        return new MongoSinkOptions(new ConnectionString(connection.get(URI)), connection.get(DATABASE));
    }

    /** The hosts only, for logs: the URI itself may hold credentials. */
    String hosts() {
        return (uri.isSrvProtocol() ? "mongodb+srv://" : "mongodb://") + String.join(",", uri.getHosts());
    }

    @Override
    public String toString() {
        return "MongoSinkOptions[uri=" + hosts() + (uri.getCredential() == null ? "" : " (with credentials)")
                + ", database=" + database + "]";
    }

    private static void checkUri(String uri, List<SinkProblem> problems) {
        if (!present(uri)) {
            problems.add(problem(URI, "is required, e.g. mongodb://localhost:27017"));
            return;
        }
        if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            problems.add(problem(URI, "must start with mongodb:// or mongodb+srv://"));
            return;
        }
        try {
            // Parsing only: an SRV record is looked up when the client starts, not here.
            ConnectionString parsed = new ConnectionString(uri);
            if (parsed.getWriteConcern() != null && !parsed.getWriteConcern().isAcknowledged()) {
                problems.add(problem(URI, "asks for unacknowledged writes (w=0): the sink commits offsets only for "
                        + "writes MongoDB acknowledged, so it needs w=1 or more"));
            }
        } catch (IllegalArgumentException e) {
            // The driver's messages name the offending part, never the password.
            problems.add(problem(URI, "is not a valid connection string: " + e.getMessage()));
        }
    }

    private static SinkProblem problem(String key, String message) {
        return new SinkProblem("connection." + key, message);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
