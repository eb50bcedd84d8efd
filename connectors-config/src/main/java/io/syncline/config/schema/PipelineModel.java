package io.syncline.config.schema;

import static io.syncline.config.schema.ConfigKey.optional;
import static io.syncline.config.schema.ConfigKey.required;
import static io.syncline.config.schema.ValueType.BOOL;
import static io.syncline.config.schema.ValueType.DURATION;
import static io.syncline.config.schema.ValueType.TEXT;
import static io.syncline.config.schema.ValueType.atLeast;
import static io.syncline.config.schema.ValueType.between;
import static io.syncline.config.schema.ValueType.listOf;
import static io.syncline.config.schema.ValueType.nonEmptyListOf;

import io.syncline.config.ReplicaIdentityConsent;
import io.syncline.config.SnapshotMode;
import io.syncline.config.TransformSpec;
import io.syncline.config.TruncatePolicy;
import io.syncline.config.WalRetentionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys of a pipeline file: the one description the binder checks files against (allowed keys,
 * required keys, ranges, defaults) and {@link PipelineJsonSchema} turns into a JSON Schema.
 * Descriptions follow the reference in connectors-config/README.md. The sink types' own parts
 * (route target key, {@code connection:} options) come from the {@link io.syncline.config.SinkCatalog}.
 */
public final class PipelineModel {

    /** How {@code kind:} of a join may be written. */
    public static final List<String> JOIN_KINDS = List.of("one", "many", "many-to-one", "one-to-many");

    public static final ConfigObject POSTGRES = new ConfigObject("postgres", "The PostgreSQL server to capture changes from.", List.of(
            required("host", TEXT, "The PostgreSQL server's host name or address."),
            optional("port", between(1, 65535), "5432", "The PostgreSQL server's port."),
            required("database", TEXT, "The database holding the captured tables."),
            required("user", TEXT, "Needs the REPLICATION attribute (or superuser)."),
            optional("password", TEXT, "", "The user's password; usually ${PGPASSWORD:-}. Secret: masked in every message.")
                    .asSecret()));

    public static final ConfigObject WAL_RETENTION = new ConfigObject("walRetention",
            "How much WAL the replication slot may hold back in PostgreSQL, read every checkInterval on a short connection of its own.",
            List.of(
            optional("budget", ValueType.SIZE, null, "Retained WAL (pg_current_wal_lsn() - the slot's restart_lsn) the slot may hold,"
                    + " e.g. 50GB; binary units B, kB, MB, GB, TB as PostgreSQL's (1MB = 1024kB); at least 1MB."
                    + " None: no budget, only an invalidated slot is reported."),
            optional("warnAt", ValueType.FRACTION, Double.toString(WalRetentionSpec.DEFAULT_WARN_AT),
                    "The fraction of the budget at which a warning is logged (above 0, at most 1)."),
            optional("onExceeded", ValueType.oneOf(WalRetentionSpec.OnExceeded.yamlNames()), WalRetentionSpec.OnExceeded.WARN.yamlName(),
                    "Above the budget: warn (log a warning, keep capturing) or drop_slot (stop capture, drop the slot and stop"
                    + " the pipeline; the next start captures as a new source generation with a new slot and a new snapshot"
                    + " of every captured table). drop_slot needs a budget."),
            optional("checkInterval", DURATION, "30s", "How often the slot is read; at least 1s.")));

    public static final ConfigObject SOURCE = new ConfigObject("source", "Where changes come from: PostgreSQL's write-ahead log.", List.of(
            required("postgres", new ValueType.Obj(POSTGRES.id()), POSTGRES.description()),
            optional("slot", TEXT, null, "The logical replication slot Syncline owns; default syncline_<name> ('-' as '_')."
                    + " A PostgreSQL identifier: lower-case letters, digits and '_', starting with a letter or '_', at most 63 characters."),
            optional("publication", TEXT, null, "The publication Syncline owns; default the slot's name. A PostgreSQL identifier."),
            required("tables", nonEmptyListOf(TEXT), "Captured tables as schema.table ('orders' alone means public.orders); each once, at least one."),
            optional("snapshot", ValueType.oneOf(Arrays.stream(SnapshotMode.values()).map(SnapshotMode::yamlName).toList()),
                    SnapshotMode.INITIAL.yamlName(), "When existing rows are read (Debezium's snapshot modes)."),
            optional("heartbeatInterval", DURATION, "10s", "Keeps the slot moving while captured tables are idle; 0s turns it off."),
            optional("debezium", new ValueType.StringMap(false), null, "Advanced Debezium properties, passed through as they are."),
            optional("replicaIdentity", new ValueType.ChoiceMap(ReplicaIdentityConsent.Identity.yamlNames()), null,
                    "Lets Syncline set a captured table's REPLICA IDENTITY before publishing it: schema.table (as in tables): full or default,"
                    + " e.g. {public.events: full}. Needed for a table without a primary key (full); Syncline never changes it otherwise."),
            optional("excludeColumns", new ValueType.ListMap(TEXT), null,
                    "Columns not captured at all (Debezium's column.exclude.list): schema.table (as in tables): [column, ...],"
                    + " e.g. {public.places: [location]}. Column names exactly as PostgreSQL has them (case-sensitive, without SQL quotes)."
                    + " For views the column does not exist. For columns of a type Debezium drops or mangles; not a key column."),
            optional("generation", between(0, 127), "0", "The source's lowest generation, the high bits of every view version."
                    + " Capture raises it by itself when its slot was lost; raise it by hand when the source starts over with lower LSNs (rebuilt from a dump):"
                    + " a higher generation takes a new slot and a new snapshot, overwrites everything in the sinks and deletes the rows the source no longer has."),
            optional("walRetention", new ValueType.Obj(WAL_RETENTION.id()), null, WAL_RETENTION.description())));


    public static final ConfigObject KAFKA = new ConfigObject("kafka", "How changes travel: the Kafka cluster and the topics Syncline creates.", List.of(
            optional("bootstrapServers", TEXT, null, "host:port,...; none (or empty) runs an embedded single-node broker in stateDir."),
            optional("topicPrefix", TEXT, null, "Prefix of the topics Syncline creates; default the pipeline's name."
                    + " Letters, digits, '.', '_', '-'; at most 200 characters."),
            optional("partitions", atLeast(1), "3", "Partitions of the topics Syncline creates."),
            optional("replicationFactor", between(1, Short.MAX_VALUE), "1", "Replication factor of the topics Syncline creates."),
            optional("tombstoneRetention", DURATION, "7d", "How long view topics keep a delete (delete.retention.ms):"
                    + " a sink away longer may miss deletes; sinks warn at half of it. Applied to existing view topics too."),
            optional("properties", new ValueType.StringMap(false), null, "Kafka client properties, passed through as they are.")));

    public static final ConfigObject JOIN = new ConfigObject("join", "A table joined into each document (or into each joined row).", List.of(
            required("name", TEXT, "The field that holds the joined row(s); unique among its siblings. Letters, digits and '_', not starting with a digit."),
            required("table", TEXT, "The joined table, schema.table; must be one of source.tables."),
            required("kind", ValueType.oneOf(JOIN_KINDS), "one (many-to-one: embeds the row 'on' points to as an object) or many"
                    + " (one-to-many: embeds every row that points back here as an array); many-to-one and one-to-many are other names for them."),
            required("on", new ValueType.StringMap(true), "This side's column: the joined table's column; at least one pair, e.g. {customer_id: id}."),
            optional("fields", listOf(TEXT), null, "The joined row's columns to keep; default all columns."),
            optional("required", BOOL, "false", "Only for 'one': leave out documents whose join finds no row."),
            optional("orderBy", listOf(TEXT), null, "Only for 'many': sort keys 'column', 'column asc' or 'column desc'; default the joined table's primary key."),
            optional("joins", listOf(new ValueType.Obj("join")), null, "Joins into each joined row (same keys); these must be 'one'.")));

    public static final ConfigObject MASK = new ConfigObject("mask", "mask with a replacement text.", List.of(
            required("fields", nonEmptyListOf(TEXT), "Field paths to mask, e.g. customer.phone; each once."),
            optional("with", TEXT, TransformSpec.Mask.DEFAULT_MASK, "What a non-null value becomes.")));

    public static final ConfigObject HASH = new ConfigObject("hash", "hash with a salt.", List.of(
            required("fields", nonEmptyListOf(TEXT), "Field paths to hash, e.g. customer.email; each once."),
            required("salt", TEXT, "Prepended to each value before hashing; keep it out of the file (${HASH_SALT}) and stable."
                    + " Secret: masked like a password.").asSecret()));

    private static final ValueType FIELD_PATHS = nonEmptyListOf(TEXT);

    /** Transform steps, in the order they are listed in messages. Each item has exactly one of these keys. */
    public static final ConfigObject TRANSFORM = new ConfigObject("transform",
            "One step applied to each document: a mapping with exactly one key, the kind of step.", List.of(
            optional("include", FIELD_PATHS, null, "Keep only these fields (and the document's key fields), e.g. [id, status, customer.email]."),
            optional("exclude", FIELD_PATHS, null, "Drop these fields, e.g. [notes, customer.phone]."),
            optional("rename", new ValueType.StringMap(true), null, "Old field path: new name; the field stays where it is, so the new name is a name, not a path."),
            optional("mask", new ValueType.Either(List.of(FIELD_PATHS, new ValueType.Obj(MASK.id()))), null,
                    "A non-null value becomes 'with' (default ****), so the field becomes text; null stays null. [fields] or {fields: [...], with: text}."),
            optional("hash", new ValueType.Obj(HASH.id()), null, "A non-null value becomes the lowercase hex SHA-256 of the salt followed by the value; null stays null."),
            optional("compute", new ValueType.StringMap(true), null, "Add (or replace) top-level fields: field name: expression, e.g. {total_cents: \"total * 100\"}."),
            optional("filter", TEXT, null, "Keep the document only while this expression is true (null counts as false), e.g. \"status != 'cancelled'\"."),
            optional("flatten", FIELD_PATHS, null, "Move the fields of these joined objects to the top level as <object>_<field>.")), true);

    public static final ConfigObject VIEW = new ConfigObject("view", "A view: one document per row of its table, with joins and transforms.", List.of(
            required("name", TEXT, "Unique among views; lower-case letters, digits, '_', '-'."),
            required("table", TEXT, "The root table, schema.table; must be one of source.tables."),
            optional("key", listOf(TEXT), null, "The columns that make a document's id; default the table's primary key."),
            optional("joins", listOf(new ValueType.Obj(JOIN.id())), null, "Tables joined into each document."),
            optional("transforms", listOf(new ValueType.Obj(TRANSFORM.id())), null, "Steps applied to each document, in order."),
            optional("onTruncate", ValueType.oneOf(TruncatePolicy.yamlNames()), TruncatePolicy.PROPAGATE.yamlName(),
                    "When a table the view reads is truncated: propagate (its rows leave the view, sinks delete), ignore (warn, count, keep)"
                    + " or fail (the pipeline stops).")));

    public static final ConfigObject BATCH = new ConfigObject("batch", "How records are batched for this sink.", List.of(
            optional("maxRecords", atLeast(1), "1000", "A batch is written at this many records..."),
            optional("maxBytes", atLeast(1024), "8388608", "...or at this many bytes of records (as read from Kafka; 8 MiB,"
                    + " within Elasticsearch's bulk and MongoDB's message limits); a record larger than this is written alone..."),
            optional("linger", DURATION, "50ms", "...or after this long."),
            optional("maxInFlight", atLeast(1), "2", "Batches written at once.")));

    /** How {@code onError} actions are written. */
    public static final List<String> ERROR_ACTIONS = List.of("deadletter", "stop");

    public static final ConfigObject RETRY = new ConfigObject("retry", "How writes that failed transiently are retried.", List.of(
            optional("maxAttempts", atLeast(0), "0", "Attempts per batch before giving up (see onError.retriesExhausted); 0: no limit."),
            optional("maxTime", DURATION, "0s", "Time since a batch's first attempt after which it gives up; 0s: no limit."),
            optional("initialBackoff", DURATION, "100ms", "Backoff ceiling before the first retry; it doubles with every retry..."),
            optional("maxBackoff", DURATION, "30s", "...up to this. The delay is random below the ceiling (full jitter).")));

    public static final ConfigObject ON_ERROR = new ConfigObject("onError", "What happens to records that cannot be written.", List.of(
            optional("rejected", ValueType.oneOf(ERROR_ACTIONS), "deadletter",
                    "A record the store rejects for good: to the sink's dead-letter topic (deadletter), or the sink stops (stop)."),
            optional("retriesExhausted", ValueType.oneOf(ERROR_ACTIONS), "stop",
                    "Records still failing when retry gives up: the sink stops (stop), or they go to the dead-letter topic (deadletter).")));

    /** The key of a route that names the view. */
    public static final String ROUTE_VIEW = "view";

    public static final ConfigObject SINK = new ConfigObject("sink", "A sink: a store that receives views.", List.of(
            required("name", TEXT, "Unique among sinks; lower-case letters, digits, '_', '-'; not 'views' (reserved)."),
            required("type", TEXT, "One of the available sink types."),
            optional("connection", new ValueType.StringMap(false), null, "Type-specific connection options, checked by the sink type."),
            required("views", nonEmptyListOf(new ValueType.Obj("route")), "Which views go to this sink, and where; at least one."),
            optional("batch", new ValueType.Obj(BATCH.id()), null, BATCH.description()),
            optional("retry", new ValueType.Obj(RETRY.id()), null, RETRY.description()),
            optional("onError", new ValueType.Obj(ON_ERROR.id()), null, ON_ERROR.description())));

    public static final ConfigObject HTTP = new ConfigObject("http",
            "The daemon's HTTP endpoint: /health/live, /health/ready, /metrics (Prometheus) and /status (JSON).", List.of(
            optional("enabled", BOOL, "true", "false: no endpoint."),
            optional("address", TEXT, "127.0.0.1:9464", "host:port to listen on; [::1]:port for IPv6; port 0 picks a free one"
                    + " (logged at start). A host that is not loopback (e.g. 0.0.0.0) needs a token."),
            optional("token", TEXT, "", "Bearer token every request must carry (Authorization: Bearer <token>); usually"
                    + " ${SYNCLINE_HTTP_TOKEN}. Required when the address is not loopback. Secret: masked in every message.")
                    .asSecret()));

    public static final ConfigObject PIPELINE = new ConfigObject("pipeline",
            "A Syncline pipeline: where changes come from (PostgreSQL), how they travel (Kafka), which views are built, and which sinks receive them.",
            List.of(
            required("name", TEXT, "The pipeline's name: lower-case letters, digits, '_', '-'."),
            optional("stateDir", TEXT, "./state", "Where offsets, the embedded broker's data and the like live."),
            required("source", new ValueType.Obj(SOURCE.id()), SOURCE.description()),
            optional("kafka", new ValueType.Obj(KAFKA.id()), null, KAFKA.description()),
            optional("views", listOf(new ValueType.Obj(VIEW.id())), null, "The views built from the source's tables."),
            optional("sinks", listOf(new ValueType.Obj(SINK.id())), null, "The sinks that receive views."),
            optional("http", new ValueType.Obj(HTTP.id()), null, HTTP.description())));

    /** Every fixed mapping, from the top down; routes and connections depend on the sink type. */
    public static final List<ConfigObject> OBJECTS = List.of(PIPELINE, SOURCE, POSTGRES, WAL_RETENTION, KAFKA, VIEW, JOIN, TRANSFORM, MASK, HASH, SINK, BATCH, RETRY, ON_ERROR, HTTP);

    private PipelineModel() {
    }

    /**
     * A sink's route: {@code view} and the target keys given. {@code targetRequired}: the sink type
     * is known, so its one target key is required.
     */
    public static ConfigObject route(String id, List<String> targetKeys, boolean targetRequired) {
        return route(id, targetKeys, targetRequired, List.of());
    }

    /** A route with the sink type's extra keys ({@link io.syncline.config.SinkCatalog#routeOptions}). */
    public static ConfigObject route(String id, List<String> targetKeys, boolean targetRequired, List<ConfigKey> options) {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(required(ROUTE_VIEW, TEXT, "A view's name; each view at most once per sink."));
        for (String targetKey : targetKeys) {
            keys.add(new ConfigKey(targetKey, TEXT, targetRequired, null,
                    "Where the view goes: the " + targetKey + (targetRequired ? "" : " (for sink types that name their target so)") + ".", false));
        }
        keys.addAll(options);
        return new ConfigObject(id, "A route: which view goes to this sink, and where.", keys);
    }
}
