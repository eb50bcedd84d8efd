package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Debezium writes for PostgreSQL's special and extreme values (found with this test; see DebeziumSpecials). */
@RealServices
class SpecialValuesCaptureIT {
    @TempDir
    static Path stateDir;

    @Test
    void specialValuesArriveInDebeziumsOwnForms(PostgresEndpoint pg, KafkaEndpoint kafka) throws Exception {
        PostgresEndpoint db = pg.createDatabase("cdc_special");
        Fixtures.execute(db, "CREATE TABLE specials (id int PRIMARY KEY, label text, n numeric, n10 numeric(10,2),"
                + " n100 numeric(100,0), r real, d double precision, dt date, ts timestamp, ts3 timestamp(3), tstz timestamptz)",
                "INSERT INTO specials (id, label, n, n10, r, d, dt, ts, ts3, tstz) VALUES"
                        + " (1, 'nan', 'NaN', 'NaN', 'NaN', 'NaN', 'infinity', 'infinity', 'infinity', 'infinity'),"
                        + " (2, 'inf', 'Infinity', NULL, 'Infinity', 'Infinity', '-infinity', '-infinity', '-infinity', '-infinity'),"
                        + " (3, '-inf', '-Infinity', NULL, '-Infinity', '-Infinity', '4713-01-01 BC', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00 BC', '4713-01-01 00:00:00+00 BC'),"
                        + " (4, '-0', 0.000000000000000000000000000000000000000000000000000001, -0.00, '-0', '-0', '5874897-12-31', '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999', '294276-12-31 23:59:59.999999+00'),"
                        + " (5, 'big', 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890.5, 12345678.99, 1.4e-45, 5e-324, '0001-01-01', '0001-01-01 00:00:00', '1899-12-31 23:59:59.999', '1899-12-31 23:59:59.999999+00')",
                "UPDATE specials SET n100 = repeat('9', 100)::numeric WHERE id = 5");
        CaptureOptions options = Fixtures.options("spec", db, kafka, List.of(new TableName("public", "specials")), stateDir);
        try (CaptureEngine capture = CaptureEngine.start(options); TopicReader reader = new TopicReader(kafka)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> capture.status().phase() == CapturePhase.STREAMING);
            Fixtures.execute(db, "INSERT INTO specials (id, label, n, r, d, dt, ts, ts3, tstz) VALUES"
                    + " (11, 'nan', 'NaN', 'NaN', 'NaN', 'infinity', 'infinity', 'infinity', 'infinity'),"
                    + " (12, '-inf', '-Infinity', '-Infinity', '-Infinity', '-infinity', '-infinity', '-infinity', '-infinity')");
            List<Change> changes = reader.await("spec.public.specials", c -> c.value() != null, 7, Duration.ofSeconds(60));
            changes.forEach(c -> System.out.println("special values on the wire: " + c.after()));
            java.util.Map<Integer, com.fasterxml.jackson.databind.JsonNode> rows = new java.util.HashMap<>();
            changes.stream().filter(c -> c.value() != null).forEach(c -> rows.put(c.after().path("id").asInt(), c.after()));
            // The forms stream-processors' DebeziumSpecials decodes (DebeziumSpecialsTest uses these numbers).
            for (int id : new int[] {1, 11}) {
                assertThat(rows.get(id).path("n").asText()).isEqualTo("NAN");
                assertThat(rows.get(id).path("d").asText()).isEqualTo("NaN");
                assertThat(rows.get(id).path("ts").asLong()).isEqualTo(9223372036825200000L);
                assertThat(rows.get(id).path("ts3").asLong()).isEqualTo(9223372036825200L);
                assertThat(rows.get(id).path("tstz").asText()).isEqualTo("infinity");
            }
            assertThat(rows.get(2).path("n").asText()).isEqualTo("POSITIVE_INFINITY");
            assertThat(rows.get(3).path("n").asText()).isEqualTo("NEGATIVE_INFINITY");
            assertThat(rows.get(11).path("dt").asLong()).as("streamed date infinity").isEqualTo(-2147472692L);
            assertThat(rows.get(12).path("dt").asLong()).as("streamed date -infinity").isEqualTo(-2147472691L);
            assertThat(rows.get(4).path("d").asDouble()).isEqualTo(-0.0);
            assertThat(rows.get(4).path("tstz").asText()).isEqualTo("+294276-12-31T23:59:59.999999Z");
        } finally {
            Fixtures.dropSlots(pg, "spec_");
        }
    }
}
