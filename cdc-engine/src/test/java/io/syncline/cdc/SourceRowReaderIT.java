package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import io.syncline.view.ViewField;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every type a value can be TOASTed in, the value {@link SourceRowReader} re-reads equals the
 * value a streamed change of that column carries, JSON for JSON: large (out-of-line, incompressible)
 * values, small ones with quoting edge cases, and NULLs. Also records which placeholder Debezium
 * sends for each type when an update leaves the large values unchanged (the view stage must
 * recognise every one: stream-processors' DebeziumValues.isUnavailable).
 */
@RealServices
class SourceRowReaderIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 9,600 hex digits of md5 chain: about 4.8 kB even compressed, so stored out of line. */
    private static final String CHAIN = "(SELECT string_agg(md5(i::text || random()::text), '') FROM generate_series(1, 300) i)";
    private static final String WORDS = "(SELECT string_agg(md5(i::text || random()::text), ' ') FROM generate_series(1, 300) i)";

    /** Column name, SQL type, a large value, a small value with edge cases. */
    private static final List<String[]> COLUMNS = List.of(
            new String[] {"t", "text", CHAIN + " || ' ünï \"q\" ''s'' \\ 😀'", "E'a\\tb\\nc \"q\" \\\\ ''s'' 😀'"},
            new String[] {"vc", "varchar(20000)", CHAIN, "' lead and trail '"},
            new String[] {"bp", "char(12000)", CHAIN, "'x'"},
            new String[] {"ct", "citext", CHAIN, "'MiXeD'"},
            new String[] {"x", "xml", "('<r a=\"1\">' || " + CHAIN + " || '</r>')::xml", "'<a>&amp;<b/></a>'"},
            new String[] {"j", "json", "('{\"k\": \"' || " + CHAIN + " || '\",  \"n\": 1.50, \"k\": [1, null]}')::json",
                    "'{\"z\": 1, \"a\": \"é\"}'"},
            new String[] {"jb", "jsonb", "jsonb_build_object('k', " + CHAIN + ", 'n', 1.50, 'a', jsonb_build_array(1, null, true))",
                    "'{\"z\": 1.0, \"a\": \"é\\u0000x\", \"\": []}'".replace("\\u0000", "")},
            new String[] {"b", "bytea", "decode(" + CHAIN + ", 'hex')", "'\\x00ff0a27'::bytea"},
            new String[] {"n", "numeric", "(translate(" + CHAIN + ", 'abcdef0', '1234567') || '.250')::numeric", "'NaN'"},
            new String[] {"n2", "numeric(1000,3)", "(repeat('9', 990) || '.5')::numeric", "-0.001"},
            new String[] {"h", "hstore", "(SELECT hstore(array_agg('k' || i), array_agg(md5(i::text || random()::text)))"
                    + " FROM generate_series(1, 300) i) || hstore('n', NULL) || hstore('q\"=>,', 'v''\\')",
                    "'a=>1, \"b c\"=>NULL, \"\"=>\"\"'"},
            new String[] {"tv", "tsvector", "to_tsvector('simple', " + WORDS + ")", "'a:1 b''c:2A'::tsvector"},
            new String[] {"ta", "text[]", "(SELECT array_agg(md5(i::text || random()::text)) FROM generate_series(1, 300) i)"
                    + " || ARRAY['a,b', '{c}', 'q\"uote', 'back\\slash', NULL, 'NULL', '', ' sp ']",
                    "ARRAY['x', NULL]"},
            new String[] {"va", "varchar(40)[]", "(SELECT array_agg(md5(i::text || random()::text)) FROM generate_series(1, 300) i)",
                    "'{}'"},
            new String[] {"ia", "int4[]", "(SELECT array_agg((random() * 4e9 - 2e9)::int4) FROM generate_series(1, 2000) i)",
                    "ARRAY[-2147483648, NULL, 2147483647]"},
            new String[] {"la", "int8[]", "(SELECT array_agg((random() * 9e18)::int8) FROM generate_series(1, 1000) i)",
                    "ARRAY[-9223372036854775808]::int8[]"},
            new String[] {"na", "numeric(12,2)[]", "(SELECT array_agg(round((random() * 1e9)::numeric, 2))"
                    + " FROM generate_series(1, 1000) i)", "ARRAY[0.10, -1, NULL]::numeric(12,2)[]"},
            new String[] {"ja", "jsonb[]", "(SELECT array_agg(jsonb_build_object('k', md5(i::text || random()::text)))"
                    + " FROM generate_series(1, 300) i)", "ARRAY['{\"a\": [1, \"b\"]}'::jsonb, NULL]"},
            new String[] {"ua", "uuid[]", "(SELECT array_agg(md5(i::text || random()::text)::uuid) FROM generate_series(1, 300) i)",
                    "ARRAY['00000000-0000-0000-0000-000000000001'::uuid]"},
            new String[] {"ba", "bool[]", "(SELECT array_agg(random() < 0.5) FROM generate_series(1, 40000) i)",
                    "ARRAY[true, NULL, false]"},
            new String[] {"fa", "float8[]", "(SELECT array_agg(random()) FROM generate_series(1, 1000) i)",
                    "ARRAY['NaN', '-Infinity', 0.1, -0.0, 1e300]::float8[]"},
            new String[] {"ra", "real[]", "(SELECT array_agg(random()::real) FROM generate_series(1, 1000) i)",
                    "ARRAY[0.1, 3.4e38, 'Infinity']::real[]"},
            new String[] {"da", "date[]", "(SELECT array_agg(date '2000-01-01' + (random() * 100000)::int) FROM generate_series(1, 1000) i)",
                    "ARRAY['1970-01-01', '1969-12-31', '2299-12-31']::date[]"},
            new String[] {"bya", "bytea[]", "(SELECT array_agg(decode(md5(i::text || random()::text), 'hex')) FROM generate_series(1, 300) i)",
                    "ARRAY['\\x00'::bytea, NULL]"},
            new String[] {"tsa", "timestamp[]", "(SELECT array_agg(timestamp '2000-01-01' + random() * interval '100 years')"
                    + " FROM generate_series(1, 1000) i)", "ARRAY['1969-12-31 23:59:59.999999']::timestamp[]"},
            new String[] {"tza", "timestamptz[]", "(SELECT array_agg(timestamptz '2000-01-01Z' + random() * interval '100 years')"
                    + " FROM generate_series(1, 1000) i)", "ARRAY['2024-05-02 10:15:30.5+02']::timestamptz[]"});

    @TempDir
    static Path stateDir;

    @Test
    void everyToastableTypeIsReReadAsAStreamedChangeCarriesIt(PostgresEndpoint pg, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = pg.createDatabase("cdc_reread");
        StringBuilder ddl = new StringBuilder("CREATE TABLE \"Odd-Name\" (\"Id\" int PRIMARY KEY, \"other col\" int");
        COLUMNS.forEach(c -> ddl.append(", ").append(c[0]).append(' ').append(c[1]));
        Fixtures.execute(db, "CREATE EXTENSION hstore", "CREATE EXTENSION citext", ddl.append(')').toString());
        TableName table = new TableName("public", "Odd-Name");
        CaptureOptions options = Fixtures.options("reread", db, kafka, List.of(table), stateDir);
        try (CaptureEngine capture = CaptureEngine.start(options); TopicReader topic = new TopicReader(kafka);
             SourceRowReader reader = new SourceRowReader(Fixtures.postgres(db))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            Fixtures.execute(db, insert(1, 2), insert(2, 3), "INSERT INTO \"Odd-Name\" (\"Id\") VALUES (3)");
            List<Change> inserts = topic.await(options.changeTopic(table), c -> "c".equals(c.op()), 3, Duration.ofSeconds(60));

            List<ViewField> columns;
            try (Connection c = db.connect()) {
                columns = new SourceCatalog(c).read(table).fields();
            }
            List<ViewField> key = columns.subList(0, 1);
            List<String> mismatches = new ArrayList<>();
            for (Change insert : inserts) {
                JsonNode keyValues = insert.key();
                Optional<ObjectNode> reread = reader.read(table, key, keyValues, columns);
                assertThat(reread).as("row %s", keyValues).isPresent();
                for (ViewField column : columns) {
                    JsonNode streamed = insert.after().get(column.name());
                    JsonNode read = JSON.readTree(JSON.writeValueAsString(reread.get().get(column.name())));
                    if (!read.equals(streamed)) {
                        mismatches.add(keyValues + " " + column.name() + " (" + column.type().sourceType() + "): streamed "
                                + abbreviate(streamed) + " but re-read " + abbreviate(read));
                    }
                }
            }
            assertThat(mismatches).isEmpty();
            assertThat(reader.read(table, key, JSON.readTree("{\"Id\": 99}"), columns)).isEmpty();

            // Large values an update leaves alone arrive as Debezium's placeholders, one form per type.
            Fixtures.execute(db, "UPDATE \"Odd-Name\" SET \"other col\" = 1 WHERE \"Id\" = 1");
            List<Change> updates = topic.await(options.changeTopic(table), c -> "u".equals(c.op()), 1, Duration.ofSeconds(60));
            JsonNode after = updates.stream().filter(c -> "u".equals(c.op())).findFirst().orElseThrow().after();
            Map<String, String> placeholders = new TreeMap<>();
            columns.forEach(c -> placeholders.put(c.name(), abbreviate(after.get(c.name()))));
            System.out.println("placeholders of unchanged TOASTed values: " + placeholders);
        } finally {
            Fixtures.dropSlots(pg, "reread_");
        }
    }

    private static String insert(int id, int valueIndex) {
        StringBuilder names = new StringBuilder("\"Id\"");
        StringBuilder values = new StringBuilder().append(id);
        COLUMNS.forEach(c -> {
            names.append(", ").append(c[0]);
            values.append(", ").append(c[valueIndex]);
        });
        return "INSERT INTO \"Odd-Name\" (" + names + ") VALUES (" + values + ")";
    }

    private static String abbreviate(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "... (" + text.length() + " chars)";
    }
}
