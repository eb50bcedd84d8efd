package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each file under src/test/resources/invalid gives exactly the listed problems, in file order. */
class InvalidPipelinesTest {

    private static final Path DIR = Path.of("src/test/resources/invalid");

    record Expected(int line, int column, String keyPath, String message) {
    }

    record Case(String file, List<Expected> problems) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static Expected at(int line, int column, String keyPath, String message) {
        return new Expected(line, column, keyPath, message);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("syntax-error.yaml", List.of(
                        at(5, 6, "", "YAML syntax error: expected ',' or ']'"))),
                new Case("unknown-key.yaml", List.of(
                        at(6, 3, "kafka.topicPrefx", "unknown key; did you mean 'topicPrefix'?"),
                        at(7, 3, "kafka.colour", "unknown key; expected one of bootstrapServers, topicPrefix, partitions,"))),
                new Case("missing-required.yaml", List.of(
                        at(3, 3, "source.postgres.database", "is required"),
                        at(10, 5, "views[1].table", "is required"))),
                new Case("wrong-type.yaml", List.of(
                        at(3, 37, "source.postgres.port", "'abc' is not a whole number"),
                        at(6, 15, "kafka.partitions", "must be at least 1, got -1"),
                        at(7, 3, "kafka.replicationFactor", "expected a single value, got a list"))),
                new Case("bad-snapshot.yaml", List.of(
                        at(5, 13, "source.snapshot", "'inital' is not a snapshot mode; did you mean 'initial'?"
                                + " (allowed: initial, no_data, always, initial_only, when_needed)"))),
                new Case("bad-truncate-and-generation.yaml", List.of(
                        at(5, 15, "source.generation", "must be between 0 and 127, got 128"),
                        at(7, 54, "views[0].onTruncate", "'propagte' is not a truncate policy; did you mean 'propagate'?"
                                + " (allowed: propagate, ignore, fail)"))),
                new Case("bad-duration.yaml", List.of(
                        at(5, 22, "source.heartbeatInterval", "'10 seconds' is not a duration; write a whole number followed by ms, s, m, h or d"),
                        at(13, 21, "sinks[0].batch.linger", "'-5ms' is not a duration"))),
                new Case("duplicate-views.yaml", List.of(
                        at(10, 11, "views[2].name", "duplicate view name 'orders' (also views[0])"))),
                new Case("uncaptured-table.yaml", List.of(
                        at(9, 12, "views[1].table", "table public.products is not captured; add it to source.tables (captured: public.orders)"))),
                new Case("bad-mappings.yaml", List.of(
                        at(14, 30, "sinks[0].views[0].mappings.metadata", "unknown value 'flatened'; did you mean 'flattened'?"
                                + " (allowed: disabled, flattened, object, text)"),
                        at(19, 44, "sinks[1].views[0].mappings", "unknown key; expected one of view, collection"))),
                new Case("bad-replica-identity.yaml", List.of(
                        at(6, 13, "source.replicaIdentity.orders", "unknown value 'ful'; did you mean 'full'? (allowed: default, full)"),
                        at(8, 19, "source.replicaIdentity.audit.events", "unknown value 'nothing' (allowed: default, full)"),
                        at(9, 5, "source.replicaIdentity.public.products", "table public.products is not captured; add it to"
                                + " source.tables (captured: public.orders, audit.events)"),
                        at(10, 5, "source.replicaIdentity.a.b.c", "'a.b.c' is not a table name (schema.table)"))),
                new Case("bad-excluded-columns.yaml", List.of(
                        at(6, 13, "source.excludeColumns.orders", "expected a list, got a single value"),
                        at(7, 5, "source.excludeColumns.public.products", "table public.products is not captured; add it to"
                                + " source.tables (captured: public.orders, audit.events)"),
                        at(8, 5, "source.excludeColumns.audit.events", "must list at least one item"),
                        at(9, 5, "source.excludeColumns.a.b.c", "'a.b.c' is not a table name (schema.table)"),
                        at(10, 27, "source.excludeColumns.public.orders[1]", "must name a column"),
                        at(10, 31, "source.excludeColumns.public.orders[2]",
                                "column 'spot' is listed twice (also source.excludeColumns.public.orders[0])"))),
                new Case("reserved-sink-name.yaml", List.of(
                        at(8, 11, "sinks[0].name", "'views' is reserved (the view stage's dead-letter topic is"
                                + " <prefix>.dlq.views); choose another name"))),
                new Case("unknown-route-view.yaml", List.of(
                        at(13, 16, "sinks[0].views[1].view", "unknown view 'ordrs'; did you mean 'orders'? (views: orders)"))),
                new Case("unknown-sink-type.yaml", List.of(
                        at(9, 11, "sinks[0].type", "unknown sink type 'elastic'; did you mean 'elasticsearch'?"
                                + " (available types: clickhouse, elasticsearch, mongodb)"))),
                new Case("wrong-target-key.yaml", List.of(
                        at(12, 24, "sinks[0].views[0].collection", "sinks of type elasticsearch name their target with 'index', not 'collection'"),
                        at(17, 9, "sinks[1].views[0].collection", "is required"))),
                new Case("missing-env.yaml", List.of(
                        at(4, 11, "source.postgres.host", "environment variable SHOP_DB_HOST is not set"),
                        at(10, 21, "kafka.bootstrapServers", "environment variable SHOP_KAFKA is not set"))),
                new Case("duplicate-key.yaml", List.of(
                        at(5, 1, "name", "duplicate key (first at line 1)"))),
                new Case("bad-identifiers.yaml", List.of(
                        at(1, 7, "name", "'Shop' is not a valid name"),
                        at(4, 9, "source.slot", "'shop-slot' is not a PostgreSQL identifier"),
                        at(5, 16, "source.publication", "'9pub' is not a PostgreSQL identifier"),
                        at(6, 27, "source.tables[1]", "table public.orders is listed twice (also source.tables[0])"),
                        at(6, 42, "source.tables[2]", "'a.b.c' is not a table name"),
                        at(8, 16, "kafka.topicPrefix", "'shop prefix' is not a valid Kafka topic prefix"))),
                new Case("connection-problems.yaml", List.of(
                        at(10, 5, "sinks[0].connection.database", "is required"),
                        at(13, 11, "sinks[1].name", "duplicate sink name 'documents' (also sinks[0])"),
                        at(15, 23, "sinks[1].connection.url", "'ftp://127.0.0.1' is not an http:// or https:// URL"))),
                new Case("not-a-list.yaml", List.of(
                        at(4, 3, "source.tables", "must list at least one item"),
                        at(5, 8, "views", "expected a list, got a single value"),
                        at(7, 5, "sinks[0]", "expected a mapping (key: value), got a single value"))),
                new Case("bad-joins.yaml", List.of(
                        at(11, 15, "views[0].joins[0].kind",
                                "'onee' is not a join kind; did you mean 'one'? (allowed: one, many, many-to-one, one-to-many)"),
                        at(13, 15, "views[0].joins[1].name", "duplicate join name 'customer' (also views[0].joins[0])"),
                        at(16, 9, "views[0].joins[1].on", "must pair at least one column, e.g. {customer_id: id}"),
                        at(17, 9, "views[0].joins[1].orderBy", "only a 'many' join has an order (a 'one' join embeds a single row)"),
                        at(22, 19, "views[0].joins[2].required", "'yes' is not true or false"),
                        at(23, 28, "views[0].joins[2].orderBy[1]",
                                "'price sideways' is not a sort key: write 'column', 'column asc' or 'column desc'"),
                        at(26, 20, "views[0].joins[2].joins[0].table", "table public.products is not captured; add it to"
                                + " source.tables (captured: public.orders, public.customers, public.order_items)"),
                        at(27, 19, "views[0].joins[2].joins[0].kind", "a 'many' join must be directly under a view:"
                                + " a join inside another join must be 'one' (no arrays inside joined rows)"),
                        at(28, 30, "views[0].joins[2].joins[0].on.product_id", "must name a column of the joined table"),
                        at(29, 23, "views[0].joins[2].joins[0].required",
                                "only a 'one' join can be required (a 'many' join with no rows gives an empty array)"),
                        at(30, 9, "views[0].joins[3].on", "is required"),
                        at(30, 15, "views[0].joins[3].name", "'Bad-Name' is not a valid field name: use letters, digits and '_',"
                                + " starting with a letter or '_'"),
                        at(33, 22, "views[0].joins[3].fields[1]", "must name a column"),
                        at(33, 26, "views[0].joins[3].fields[2]", "column 'id' is listed twice (also views[0].joins[3].fields[0])"),
                        at(34, 9, "views[0].joins[3].sort",
                                "unknown key; expected one of name, table, kind, on, fields, required, orderBy, joins"))),
                new Case("bad-transforms.yaml", List.of(
                        at(9, 9, "views[0].transforms[0].incldue", "unknown key; did you mean 'include'?"),
                        at(10, 23, "views[0].transforms[1].include[1]", "'customer..email' is not a field path: write field"
                                + " names (letters, digits and '_', starting with a letter or '_') separated by '.', e.g. customer.email"),
                        at(10, 40, "views[0].transforms[1].include[2]",
                                "field 'id' is listed twice (also views[0].transforms[1].include[0])"),
                        at(11, 9, "views[0].transforms[1].exclude",
                                "one transform per list item: start a new item for 'exclude' (this one is 'include')"),
                        at(12, 9, "views[0].transforms[2]",
                                "names no transform; write one of include, exclude, rename, mask, hash, compute, filter, flatten"),
                        at(13, 8, "views[0].transforms[3]", "expected one transform as key: value (include, exclude, rename,"
                                + " mask, hash, compute, filter, flatten), got nothing"),
                        at(14, 29, "views[0].transforms[4].rename.placed_at",
                                "'ordered at' is not a valid field name: use letters, digits and '_', starting with a letter"
                                        + " or '_' (a rename keeps the field where it is)"),
                        at(14, 43, "views[0].transforms[4].rename.9lives", "'9lives' is not a field path"),
                        at(14, 85, "views[0].transforms[4].rename.state", "'status' is renamed to 'ordered_at' too"),
                        at(15, 15, "views[0].transforms[5].mask",
                                "expected a list of fields, or {fields: [...], with: text}, got a single value"),
                        at(16, 9, "views[0].transforms[6].hash.salt", "is required"),
                        at(17, 39, "views[0].transforms[7].hash.salt", "environment variable SHOP_HASH_SALT is not set"),
                        at(18, 32, "views[0].transforms[8].compute.total_cents",
                                "in \"total * 100 +\": expected an expression at offset 13, found end of text"),
                        at(18, 49, "views[0].transforms[8].compute.email-domain", "'email-domain' is not a valid field name:"
                                + " use letters, digits and '_', starting with a letter or '_' (computed fields are top-level fields)"),
                        at(18, 82, "views[0].transforms[8].compute.n", "in \"lowr(email)\": unknown function 'lowr' at offset 0;"
                                + " did you mean 'lower'? (functions: lower, upper, trim, length, concat, coalesce, abs, round,"
                                + " year, month, day, hour, minute, second, day_of_week, date)"),
                        at(19, 17, "views[0].transforms[9].filter",
                                "in \"lower(name\": expected ',' or ')' at offset 10, found end of text"),
                        at(20, 17, "views[0].transforms[10].filter", "in \"length(a, b) > 1\": wrong number of arguments"
                                + " at offset 0: length() takes 1 argument, got 2"),
                        at(21, 9, "views[0].transforms[11].flatten", "must list at least one item"))),
                new Case("many-problems.yaml", List.of(
                        at(5, 11, "source.postgres.host", "environment variable SHOP_DB_HOST is not set"),
                        at(6, 11, "source.postgres.port", "must be between 1 and 65535, got 99999"),
                        at(9, 5, "source.postgres.pasword", "unknown key; did you mean 'password'?"),
                        at(11, 13, "source.snapshot", "'sometimes' is not a snapshot mode (allowed: initial,"),
                        at(15, 11, "views[1].name", "duplicate view name 'orders' (also views[0])"),
                        at(16, 12, "views[1].table", "table public.items is not captured"),
                        at(20, 5, "sinks[0].connection.url", "is required"),
                        at(23, 16, "sinks[0].views[1].view", "unknown view 'customers' (views: orders)"),
                        at(24, 25, "sinks[0].batch.maxRecords", "must be at least 1, got 0"),
                        at(24, 36, "sinks[0].batch.linger", "'soon' is not a duration"),
                        at(26, 11, "sinks[1].type", "unknown sink type 's3' (available types: clickhouse, elasticsearch, mongodb)"),
                        at(27, 28, "sinks[1].views[0].bucket", "unknown key; expected one of view, collection, index, table"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheseProblems(Case invalid) {
        Path file = DIR.resolve(invalid.file());

        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> new PipelineLoader().load(file, Map.of(), new FakeSinkCatalog()));

        assertThat(thrown).as("%s must not load", invalid.file()).isNotNull();
        List<ConfigProblem> problems = thrown.problems();
        assertThat(problems).as(thrown.getMessage()).hasSameSizeAs(invalid.problems());
        for (int i = 0; i < problems.size(); i++) {
            ConfigProblem problem = problems.get(i);
            Expected expected = invalid.problems().get(i);
            assertThat(problem.file()).isEqualTo(file.toString());
            assertThat(List.of(problem.line(), problem.column())).as("position of %s", problem)
                    .containsExactly(expected.line(), expected.column());
            assertThat(problem.keyPath()).as("key path of %s", problem).isEqualTo(expected.keyPath());
            assertThat(problem.message()).as("message of %s", problem).contains(expected.message());
        }
    }

    @Test
    void everyInvalidFileHasACase() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(cases().map(Case::file).toList());
        }
    }

    @Test
    void theExceptionMessageListsEveryProblemInFileOrder() {
        Path file = DIR.resolve("missing-env.yaml");

        assertThatThrownBy(() -> new PipelineLoader().load(file, Map.of(), new FakeSinkCatalog()))
                .hasMessage("invalid pipeline (2 problems):\n"
                        + file + ":4:11: source.postgres.host: environment variable SHOP_DB_HOST is not set"
                        + " (use ${SHOP_DB_HOST:-default} to give a default)\n"
                        + file + ":10:21: kafka.bootstrapServers: environment variable SHOP_KAFKA is not set"
                        + " (use ${SHOP_KAFKA:-default} to give a default)");
    }
}
