package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.TableName;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

@RealServices
class SourcePreflightIT {
    private static PostgresEndpoint server;
    private static PostgresEndpoint db;
    /** The preflight never talks to Kafka. */
    private static final KafkaEndpoint NO_KAFKA = new KafkaEndpoint("127.0.0.1:9");
    @TempDir
    static Path stateDir;

    @BeforeAll
    static void createSchema(PostgresEndpoint pg) throws Exception {
        server = pg;
        db = pg.createDatabase("cdc_preflight");
        try (Connection c = db.connect()) {
            ShopSchema.create(c);
        }
    }

    @AfterAll
    static void dropSlots() throws Exception {
        Fixtures.dropSlots(server, "pre_");
    }

    @Test
    void readySourcePassesAndGetsPublicationAndHeartbeatTable() throws Exception {
        CaptureOptions options = options("pre_ready", ShopSchema.TABLES);
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options)).isEmpty();

            new SourcePreflight(c).prepare(options);

            assertThat(publishedTables(c, "pre_ready_pub")).containsExactlyInAnyOrder(
                    "public.customers", "public.products", "public.orders", "public.order_items",
                    "public.syncline_heartbeat");
            assertThat(Fixtures.queryCount(c, "SELECT count(*) FROM public.syncline_heartbeat")).isZero();
            // Idempotent: a second run changes nothing and does not fail.
            new SourcePreflight(c).prepare(options);
        }
    }

    @Test
    void existingPublicationGainsMissingTablesAndKeepsOthers() throws Exception {
        Fixtures.execute(db, "CREATE TABLE IF NOT EXISTS audit (id int PRIMARY KEY)",
                "CREATE PUBLICATION pre_grow_pub FOR TABLE customers, audit");
        CaptureOptions options = options("pre_grow", List.of(ShopSchema.CUSTOMERS, ShopSchema.ORDERS));
        try (Connection c = db.connect()) {
            new SourcePreflight(c).prepare(options);

            assertThat(publishedTables(c, "pre_grow_pub")).containsExactlyInAnyOrder(
                    "public.customers", "public.audit", "public.orders", "public.syncline_heartbeat");
        }
    }

    @Test
    void missingTablesWrongSlotAndPartialPublicationAreAllReported() throws Exception {
        Fixtures.execute(db, "SELECT pg_create_logical_replication_slot('pre_wrong_slot', 'test_decoding')",
                "CREATE PUBLICATION pre_wrong_pub FOR TABLE customers WITH (publish = 'insert, update')");
        CaptureOptions options = options("pre_wrong", List.of(ShopSchema.CUSTOMERS,
                new TableName("public", "nope"), new TableName("shop", "orders")));
        try (Connection c = db.connect()) {
            List<String> problems = new SourcePreflight(c).check(options);

            assertThat(problems).containsExactlyInAnyOrder(
                    "table public.nope does not exist in database cdc_preflight (names are case-sensitive);"
                            + " create it or remove it from the pipeline",
                    "table shop.orders does not exist in database cdc_preflight (names are case-sensitive);"
                            + " create it or remove it from the pipeline",
                    "slot pre_wrong_slot exists but is a logical slot with plugin 'test_decoding', Syncline needs a"
                            + " logical slot with pgoutput: drop it (SELECT pg_drop_replication_slot('pre_wrong_slot'))"
                            + " or choose another slot",
                    "publication pre_wrong_pub does not publish every insert, update and delete: run ALTER PUBLICATION"
                            + " \"pre_wrong_pub\" SET (publish = 'insert, update, delete, truncate')");
            assertThatThrownBy(() -> new SourcePreflight(c).prepare(options))
                    .isInstanceOf(PreflightException.class)
                    .hasMessageContaining("table public.nope does not exist")
                    .satisfies(e -> assertThat(((PreflightException) e).problems()).hasSize(4));
            assertThat(publishedTables(c, "pre_wrong_pub")).as("nothing changed").containsExactly("public.customers");
        }
    }

    @Test
    void slotInUseIsRefusedWithTheHoldersPid() throws Exception {
        CaptureOptions options = options("pre_busy", List.of(ShopSchema.ORDERS));
        try (Connection c = db.connect()) {
            new SourcePreflight(c).prepare(options);
        }
        Fixtures.execute(db, "SELECT pg_create_logical_replication_slot('pre_busy_slot', 'pgoutput')");
        try (Connection replication = replicationConnection();
             PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI()
                     .replicationStream().logical().withSlotName("pre_busy_slot")
                     .withSlotOption("proto_version", "1").withSlotOption("publication_names", "pre_busy_pub")
                     .start();
             Connection c = db.connect()) {
            int pid = activePid(c, "pre_busy_slot");
            assertThat(pid).isPositive();

            assertThat(new SourcePreflight(c).check(options)).containsExactly("slot pre_busy_slot is in use by PID " + pid
                    + " (another Syncline or a stale process); stop it or choose another slot");
            assertThat(stream.isClosed()).isFalse();
        }
        try (Connection c = db.connect()) {
            awaitInactive(c, "pre_busy_slot");
            assertThat(new SourcePreflight(c).check(options)).as("a released slot is reused").isEmpty();
        }
    }

    @Test
    void walLevelIsLogical() throws Exception {
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options("pre_wal", List.of(ShopSchema.ORDERS))))
                    .noneMatch(problem -> problem.contains("wal_level"));
        }
    }

    private static CaptureOptions options(String name, List<TableName> tables) {
        return Fixtures.options(name, db, NO_KAFKA, tables, stateDir);
    }

    private static Connection replicationConnection() throws Exception {
        Properties p = new Properties();
        PGProperty.USER.set(p, db.user());
        if (db.password() != null) {
            PGProperty.PASSWORD.set(p, db.password());
        }
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static int activePid(Connection c, String slot) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    private static void awaitInactive(Connection c, String slot) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (activePid(c, slot) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<String> publishedTables(Connection c, String publication) throws Exception {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?")) {
            s.setString(1, publication);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }
}
