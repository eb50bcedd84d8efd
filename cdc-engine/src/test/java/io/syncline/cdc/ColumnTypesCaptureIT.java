package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which column types reach the change topics (CapturableTypes): a column of each type the preflight
 * accepts arrives with a value in the snapshot and while streaming; a column of each type it refuses
 * is one Debezium 3.6 leaves out of its events or mangles (checked by hand when this list was made:
 * see CapturableTypes), and the preflight names it.
 */
@RealServices
class ColumnTypesCaptureIT {
    /** Column: type and a literal of it. */
    private static final Map<String, String> CARRIED = new LinkedHashMap<>();
    private static final Map<String, String> LOST = new LinkedHashMap<>();

    static {
        CARRIED.put("c_money", "money:'1234.56'");
        CARRIED.put("c_tsvector", "tsvector:'a fat cat'");
        CARRIED.put("c_bit1", "bit(1):B'1'");
        CARRIED.put("c_bit3", "bit(3):B'101'");
        CARRIED.put("c_oid", "oid:'12345'");
        CARRIED.put("c_xml", "xml:'<a>x</a>'");
        CARRIED.put("c_int4range", "int4range:'[1,5)'");
        CARRIED.put("c_tstzrange", "tstzrange:'[2024-01-01,2024-02-01)'");
        CARRIED.put("c_dom_text", "dom_text:'hello'");
        CARRIED.put("c_dom_int", "dom_int:'42'");
        CARRIED.put("c_dom_num", "dom_num:'12.345'");
        CARRIED.put("c_enum", "mood:'happy'");
        CARRIED.put("c_enum_arr", "mood[]:'{happy,sad}'");
        CARRIED.put("c_uuid_arr", "uuid[]:'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'");
        CARRIED.put("c_bytea_arr", "bytea[]:'{\"\\\\x0102\"}'");
        CARRIED.put("c_int4range_arr", "int4range[]:'{\"[1,2)\"}'");
        CARRIED.put("c_text_arr", "text[]:'{a,b}'");
        CARRIED.put("c_char", "\"char\":'x'");
        CARRIED.put("c_timetz", "timetz:'12:34:56+02'");
        CARRIED.put("c_interval", "interval:'1 day 2 hours'");
        CARRIED.put("c_inet", "inet:'10.0.0.1/8'");
        CARRIED.put("c_cidr", "cidr:'10.0.0.0/8'");
        CARRIED.put("c_macaddr", "macaddr:'08:00:2b:01:02:03'");
        CARRIED.put("c_macaddr8", "macaddr8:'08:00:2b:01:02:03:04:05'");
        CARRIED.put("c_hstore", "hstore:'a=>1'");
        CARRIED.put("c_citext", "citext:'AbC'");
        CARRIED.put("c_ltree", "ltree:'a.b.c'");
        CARRIED.put("c_isbn", "isbn:'978-0-393-04002-9'");

        LOST.put("c_point", "point:'(1.5,2)'");
        LOST.put("c_dom_point", "dom_point:'(3,4)'");
        LOST.put("c_polygon", "polygon:'((1,2),(3,4),(5,6))'");
        LOST.put("c_box", "box:'(1,2),(3,4)'");
        LOST.put("c_circle", "circle:'<(1,2),3>'");
        LOST.put("c_varbit", "bit varying(20):B'1010'");
        LOST.put("c_name", "name:'nm'");
        LOST.put("c_pglsn", "pg_lsn:'16/B374D848'");
        LOST.put("c_tsquery", "tsquery:'fat & cat'");
        LOST.put("c_nummultirange", "nummultirange:'{[1,2),[3,4)}'");
        LOST.put("c_comp", "comp_t:'(1,abc)'");
        LOST.put("c_comp_arr", "comp_t[]:ARRAY['(1,x)'::comp_t]");
        LOST.put("c_dom_arr", "dom_text[]:'{a,b}'");
        LOST.put("c_money_arr", "money[]:'{1.5,2}'");
        LOST.put("c_interval_arr", "interval[]:'{1 day,2 hours}'");
        LOST.put("c_jsonpath", "jsonpath:'$.a'");
        LOST.put("c_regclass", "regclass:'pg_class'");
        LOST.put("c_xid", "xid:'123'");
        LOST.put("c_int2vector", "int2vector:'1 2'");
    }

    @TempDir
    static Path stateDir;

    @Test
    void acceptedTypesArriveAndRefusedOnesAreNamed(PostgresEndpoint pg, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = pg.createDatabase("cdc_column_types");
        Fixtures.execute(db, "CREATE EXTENSION hstore", "CREATE EXTENSION citext", "CREATE EXTENSION ltree", "CREATE EXTENSION isn",
                "CREATE TYPE comp_t AS (a int, b text)", "CREATE DOMAIN dom_text AS text",
                "CREATE DOMAIN dom_int AS int CHECK (VALUE > 0)", "CREATE DOMAIN dom_point AS point",
                "CREATE DOMAIN dom_num AS numeric(10,3)", "CREATE TYPE mood AS ENUM ('happy', 'sad')",
                create("carried", CARRIED), insert("carried", CARRIED, 1), create("lost", LOST));
        TableName carried = new TableName("public", "carried");
        CaptureOptions lostOptions = Fixtures.options("types_lost", db, kafka, List.of(new TableName("public", "lost")), stateDir);
        try (Connection c = db.connect()) {
            List<String> problems = new SourcePreflight(c).check(lostOptions);
            assertThat(problems.stream().map(p -> p.substring("column ".length(), p.indexOf(' ', "column ".length()))).toList())
                    .containsExactlyElementsOf(LOST.keySet());
            assertThat(problems).allMatch(p -> p.contains(" of public.lost has type ") && p.contains("so its values would be lost"));
        }

        CaptureOptions options = Fixtures.options("types", db, kafka, List.of(carried), stateDir);
        try (CaptureEngine capture = CaptureEngine.start(options); TopicReader reader = new TopicReader(kafka)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            Fixtures.execute(db, insert("carried", CARRIED, 2));
            List<Change> changes = reader.await("types.public.carried", change -> change.value() != null, 2, Duration.ofSeconds(60));
            for (Change change : changes) {
                JsonNode row = change.after();
                List<String> missing = new ArrayList<>();
                CARRIED.keySet().forEach(column -> {
                    if (!row.hasNonNull(column)) {
                        missing.add(column);
                    }
                });
                assertThat(missing).as("columns without a value in row " + row.path("id")).isEmpty();
            }
        } finally {
            Fixtures.dropSlots(pg, "types_");
        }
    }

    private static String create(String table, Map<String, String> columns) {
        return columns.entrySet().stream().map(c -> c.getKey() + " " + type(c.getValue()))
                .collect(Collectors.joining(", ", "CREATE TABLE " + table + " (id int PRIMARY KEY, ", ")"));
    }

    private static String insert(String table, Map<String, String> columns, int id) {
        return "INSERT INTO " + table + " (id, " + String.join(", ", columns.keySet()) + ") VALUES (" + id + ", "
                + columns.values().stream().map(ColumnTypesCaptureIT::literal).collect(Collectors.joining(", ")) + ")";
    }

    private static String type(String spec) {
        return spec.substring(0, spec.indexOf(':'));
    }

    private static String literal(String spec) {
        String value = spec.substring(spec.indexOf(':') + 1);
        return value.startsWith("ARRAY") ? value : value + "::" + type(spec);
    }
}
