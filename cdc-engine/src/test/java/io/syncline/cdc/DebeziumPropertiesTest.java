package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.util.Strings;
import io.syncline.config.ExcludedColumn;
import io.syncline.config.SourceRef;
import io.syncline.config.TableName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DebeziumPropertiesTest {

    @Test
    void configuresPgoutputCaptureWithExactValueForms() {
        Properties p = DebeziumProperties.of(CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.of("k1:9092")),
                "k1:9092"));

        // The offsets' key: each source generation (here 4) has its own, so a new one starts with a snapshot.
        assertThat(p).containsEntry("name", "shop-g4")
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("database.hostname", "db.internal")
                .containsEntry("database.port", "5432")
                .containsEntry("database.dbname", "shop")
                .containsEntry("database.user", "syncline")
                .containsEntry("database.password", "s3cret")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("slot.name", "shop_slot")
                .containsEntry("publication.name", "shop_pub")
                .containsEntry("publication.autocreate.mode", "disabled")
                .containsEntry("topic.prefix", "shop")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("decimal.handling.mode", "string")
                .containsEntry("time.precision.mode", "adaptive_time_microseconds")
                .containsEntry("binary.handling.mode", "base64")
                .containsEntry("tombstones.on.delete", "true")
                // Debezium skips truncates by default ("t"); the views decide what a truncate does.
                .containsEntry("skipped.operations", "none")
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("heartbeat.action.query", "INSERT INTO \"sales\".\"syncline_heartbeat\" (id, ts)"
                        + " VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts")
                .containsEntry("poll.interval.ms", "50")
                .containsEntry("max.batch.size", "4096")
                .containsEntry("max.queue.size", "16384")
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("key.converter.schemas.enable", "false")
                .containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("slot.stream.params", "x=1")
                // Backfills: incremental snapshots through the signal table, progress to the notifications topic.
                .containsEntry("signal.enabled.channels", "source")
                .containsEntry("signal.data.collection", "sales.syncline_signal")
                .containsEntry("incremental.snapshot.watermarking.strategy", "insert_delete")
                .containsEntry("notification.enabled.channels", "sink")
                .containsEntry("notification.sink.topic.name", "shop.syncline.notifications");
    }

    @Test
    void includeListMatchesExactlyTheCapturedHeartbeatAndSignalTables() {
        Properties p = DebeziumProperties.of(CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1"));

        List<Pattern> include = List.of(p.getProperty("table.include.list").split(",")).stream()
                .map(Pattern::compile).toList();
        assertThat(include).hasSize(4);
        assertThat(List.of("sales.orders", "public.customers", "sales.syncline_heartbeat", "sales.syncline_signal"))
                .allMatch(t -> include.stream().anyMatch(i -> i.matcher(t).matches()));
        assertThat(List.of("salesXorders", "sales.orders2", "public.customers_archive"))
                .noneMatch(t -> include.stream().anyMatch(i -> i.matcher(t).matches()));
    }

    @Test
    void noColumnIsExcludedUnlessTheFileSaysSo() {
        Properties p = DebeziumProperties.of(CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1"));

        assertThat(p).doesNotContainKey("column.exclude.list");
    }

    /** Read back as Debezium reads it (split at commas, each a regular expression over schema.table.column). */
    @Test
    void excludeListMatchesExactlyTheExcludedColumnsWhateverTheirNames() {
        TableName orders = TableName.parse("sales.orders");
        TableName odd = new TableName("Odd Schema", "t.a,b");
        CaptureOptions options = CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1");
        CaptureOptions excluding = options.withRequirements(options.requirements().excluding(List.of(
                new ExcludedColumn(orders, "spot", SourceRef.UNKNOWN),
                new ExcludedColumn(orders, "Geo.Point (x,y)", SourceRef.UNKNOWN),
                new ExcludedColumn(odd, "q*", SourceRef.UNKNOWN))));

        Set<Pattern> exclude = Strings.setOfRegex(DebeziumProperties.of(excluding).getProperty("column.exclude.list"));
        assertThat(exclude).hasSize(3);
        assertThat(List.of("sales.orders.spot", "sales.orders.Geo.Point (x,y)", "Odd Schema.t.a,b.q*"))
                .allMatch(column -> exclude.stream().anyMatch(e -> e.matcher(column).matches()));
        assertThat(List.of("sales.orders.spots", "sales.orders.id", "salesXorders.spot", "sales.orders.GeoXPoint (x,y)",
                "Odd Schema.t.a,b.qq", "sales.orders.Geo.Point (x", "y)"))
                .noneMatch(column -> exclude.stream().anyMatch(e -> e.matcher(column).matches()));
    }

    @Test
    void externalKafkaStoresOffsetsInATopicWithTheSpecsReplication() {
        Properties p = DebeziumProperties.of(CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.of("k1:9092")),
                "k1:9092"));

        assertThat(p).containsEntry("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore")
                .containsEntry("offset.storage.topic", "shop.syncline.offsets")
                .containsEntry("offset.storage.partitions", "1")
                .containsEntry("offset.storage.replication.factor", "3")
                .containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey("offset.storage.file.filename");
    }

    @Test
    void embeddedKafkaStoresOffsetsInAFile() {
        Properties p = DebeziumProperties.of(CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1"));

        assertThat(p).containsEntry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore")
                .containsEntry("offset.storage.file.filename", "/var/lib/syncline/shop/offsets.dat")
                .doesNotContainKey("offset.storage.topic");
    }

    @Test
    void passThroughPropertiesComeLastAndWin() {
        CaptureOptions options = CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1");
        CaptureOptions overriding = new CaptureOptions(options.name(), options.postgres(), options.slot(),
                options.publication(), options.tables(), options.snapshotMode(), options.heartbeatSchema(),
                options.heartbeatInterval(), options.kafka(), options.offsetStorage(), options.stateDir(),
                options.tuning(), Map.of("poll.interval.ms", "10"), options.requirements(), options.messageKeys(), 0);

        assertThat(DebeziumProperties.of(overriding)).containsEntry("poll.interval.ms", "10");
    }

    @Test
    void zeroHeartbeatIntervalTurnsHeartbeatsOff() {
        CaptureOptions options = CaptureOptions.from(CaptureOptionsTest.pipeline(Optional.empty()), "k:1");
        CaptureOptions noHeartbeat = new CaptureOptions(options.name(), options.postgres(), options.slot(),
                options.publication(), options.tables(), options.snapshotMode(), options.heartbeatSchema(),
                Duration.ZERO, options.kafka(), options.offsetStorage(), options.stateDir(), options.tuning(), Map.of(),
                options.requirements(), options.messageKeys(), 0);

        assertThat(DebeziumProperties.of(noHeartbeat)).doesNotContainKeys("heartbeat.interval.ms", "heartbeat.action.query");
    }
}
