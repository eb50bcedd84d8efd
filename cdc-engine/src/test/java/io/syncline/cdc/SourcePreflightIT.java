package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.ReplicaIdentityConsent;
import io.syncline.config.SourceRef;
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
import java.util.Map;
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
    void readySourcePassesAndGetsPublicationHeartbeatAndSignalTable() throws Exception {
        CaptureOptions options = options("pre_ready", ShopSchema.TABLES);
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options)).isEmpty();

            new SourcePreflight(c).prepare(options);

            assertThat(publishedTables(c, "pre_ready_pub")).containsExactlyInAnyOrder(
                    "public.customers", "public.products", "public.orders", "public.order_items",
                    "public.syncline_heartbeat", "public.syncline_signal");
            assertThat(Fixtures.queryCount(c, "SELECT count(*) FROM public.syncline_heartbeat")).isZero();
            assertThat(Fixtures.queryCount(c, "SELECT count(*) FROM public.syncline_signal")).isZero();
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
                    "public.customers", "public.audit", "public.orders", "public.syncline_heartbeat",
                    "public.syncline_signal");
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
                    "publication pre_wrong_pub does not publish every insert, update, delete and truncate: run ALTER"
                            + " PUBLICATION \"pre_wrong_pub\" SET (publish = 'insert, update, delete, truncate')");
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
    void tableWithoutPrimaryKeyIsRefusedAndTheApplicationKeepsWriting() throws Exception {
        Fixtures.execute(db, "CREATE TABLE keyless_refused (code text, qty int)",
                "INSERT INTO keyless_refused VALUES ('a', 1), ('b', 2)");
        TableName keyless = new TableName("public", "keyless_refused");
        SourceRef place = new SourceRef("shop.yaml", 7, 20, "source.tables[1]");
        CaptureOptions options = options("pre_keyless", List.of(ShopSchema.ORDERS, keyless))
                .withRequirements(new SourceRequirements(Map.of(keyless, place), Map.of(), List.of(), List.of()));
        try (Connection c = db.connect()) {
            List<String> problems = new SourcePreflight(c).check(options);

            assertThat(problems).containsExactly("shop.yaml:7:20: source.tables[1]: table public.keyless_refused has no"
                    + " primary key and REPLICA IDENTITY DEFAULT: once Syncline publishes it, PostgreSQL would refuse the"
                    + " application's UPDATE and DELETE on it (\"does not have a replica identity\") and deletes could not"
                    + " be captured. Nothing was changed. Fix one of: add a primary key (ALTER TABLE \"public\".\"keyless_refused\""
                    + " ADD PRIMARY KEY (...)); or run ALTER TABLE \"public\".\"keyless_refused\" REPLICA IDENTITY FULL (or"
                    + " REPLICA IDENTITY USING INDEX on a unique index of NOT NULL columns); or let Syncline run it at start:"
                    + " source.replicaIdentity: {public.keyless_refused: full}");
            assertThatThrownBy(() -> new SourcePreflight(c).prepare(options)).isInstanceOf(PreflightException.class);
            assertThat(publicationExists(c, "pre_keyless_pub")).as("nothing published").isFalse();
            assertThat(replicaIdentity(c, "keyless_refused")).isEqualTo("d");
        }
        // Published, the table would refuse these.
        Fixtures.execute(db, "UPDATE keyless_refused SET qty = 10 WHERE code = 'a'", "DELETE FROM keyless_refused WHERE code = 'b'");
    }

    @Test
    void consentedReplicaIdentityFullIsSetBeforePublishingAndTheApplicationKeepsWriting() throws Exception {
        Fixtures.execute(db, "CREATE TABLE keyless_consented (code text, qty int)",
                "INSERT INTO keyless_consented VALUES ('a', 1), ('b', 2)");
        TableName keyless = new TableName("public", "keyless_consented");
        CaptureOptions options = options("pre_consent", List.of(keyless)).withRequirements(new SourceRequirements(Map.of(),
                Map.of(keyless, new ReplicaIdentityConsent(keyless, ReplicaIdentityConsent.Identity.FULL, null)),
                List.of(new SourceRequirements.ViewKey("stock", keyless, List.of("code"), SourceRef.UNKNOWN)), List.of()));
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options)).isEmpty();
            assertThat(replicaIdentity(c, "keyless_consented")).as("check changes nothing").isEqualTo("d");

            CaptureOptions prepared = new SourcePreflight(c).prepare(options);

            assertThat(replicaIdentity(c, "keyless_consented")).isEqualTo("f");
            assertThat(publishedTables(c, "pre_consent_pub")).contains("public.keyless_consented");
            assertThat(prepared.messageKeys()).containsExactly(Map.entry(keyless, List.of("code")));
        }
        Fixtures.execute(db, "UPDATE keyless_consented SET qty = 10 WHERE code = 'a'", "DELETE FROM keyless_consented WHERE code = 'b'");
    }

    @Test
    void replicaIdentityNothingAndADroppedIdentityIndexAreRefused() throws Exception {
        Fixtures.execute(db, "CREATE TABLE identity_nothing (id int PRIMARY KEY, v text)",
                "ALTER TABLE identity_nothing REPLICA IDENTITY NOTHING",
                "CREATE TABLE identity_index (code text NOT NULL, v text)",
                "CREATE UNIQUE INDEX identity_index_code ON identity_index (code)",
                "ALTER TABLE identity_index REPLICA IDENTITY USING INDEX identity_index_code",
                "DROP INDEX identity_index_code");
        CaptureOptions options = options("pre_nothing", List.of(new TableName("public", "identity_nothing"),
                new TableName("public", "identity_index")));
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options)).satisfiesExactly(
                    nothing -> assertThat(nothing).startsWith("table public.identity_nothing has REPLICA IDENTITY NOTHING:"
                            + " once Syncline publishes it, PostgreSQL would refuse the application's UPDATE and DELETE")
                            .contains("run ALTER TABLE \"public\".\"identity_nothing\" REPLICA IDENTITY DEFAULT (it has a"
                                    + " primary key)", "source.replicaIdentity: {public.identity_nothing: default} or"
                                    + " source.replicaIdentity: {public.identity_nothing: full}"),
                    index -> assertThat(index).startsWith("table public.identity_index has REPLICA IDENTITY USING INDEX on"
                            + " an index that no longer exists:")
                            .contains("ALTER TABLE \"public\".\"identity_index\" REPLICA IDENTITY FULL"));
        }
    }

    @Test
    void aViewKeyThatDeletesWouldNotCarryIsRefusedUnlessTheIdentityCoversIt() throws Exception {
        Fixtures.execute(db, "CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL, name text)",
                "CREATE UNIQUE INDEX accounts_email ON accounts (email)");
        TableName accounts = new TableName("public", "accounts");
        SourceRequirements byEmail = new SourceRequirements(Map.of(), Map.of(), List.of(new SourceRequirements.ViewKey(
                "accounts", accounts, List.of("email"), new SourceRef("shop.yaml", 12, 5, "views[0].key"))), List.of());
        CaptureOptions options = options("pre_viewkey", List.of(accounts)).withRequirements(byEmail);
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options)).containsExactly("shop.yaml:12:5: views[0].key: view"
                    + " 'accounts' is keyed by (email), but deletes and key-changing updates of table public.accounts carry"
                    + " only the old values of its REPLICA IDENTITY DEFAULT (the primary key (id)), so they could not find"
                    + " their document. Fix one of: run ALTER TABLE \"public\".\"accounts\" REPLICA IDENTITY FULL (or USING"
                    + " INDEX on a unique index of (email)); or let Syncline run it at start: source.replicaIdentity:"
                    + " {public.accounts: full}; or key the view by the primary key (id)");

            Fixtures.execute(db, "ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_email");
            assertThat(new SourcePreflight(c).check(options)).as("the identity index carries the key").isEmpty();
        }
    }

    @Test
    void partitionedTablesArePublishedThroughTheirRoot() throws Exception {
        Fixtures.execute(db, "CREATE TABLE readings (id int, region text, v int, PRIMARY KEY (id, region))"
                        + " PARTITION BY LIST (region)",
                "CREATE TABLE readings_eu PARTITION OF readings FOR VALUES IN ('eu')",
                "CREATE TABLE readings_us PARTITION OF readings FOR VALUES IN ('us')",
                "CREATE TABLE loose (id int, region text) PARTITION BY LIST (region)",
                "CREATE TABLE loose_eu PARTITION OF loose FOR VALUES IN ('eu')");
        TableName readings = new TableName("public", "readings");
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options("pre_part", List.of(readings, new TableName("public", "readings_eu"),
                    new TableName("public", "loose"))))).containsExactly(
                    "table public.readings_eu is a partition of public.readings, which is captured too: its changes are"
                            + " published under public.readings (publish_via_partition_root); remove public.readings_eu from"
                            + " source.tables",
                    "partitioned table public.loose has no primary key: each partition needs a REPLICA IDENTITY of its own"
                            + " and a partition created later would have none, so PostgreSQL would refuse the application's"
                            + " UPDATE and DELETE on it once Syncline publishes the table. Nothing was changed. Add a primary"
                            + " key to public.loose (it must include the partition key's columns)");

            CaptureOptions consented = options("pre_part", List.of(readings)).withRequirements(new SourceRequirements(Map.of(),
                    Map.of(readings, new ReplicaIdentityConsent(readings, ReplicaIdentityConsent.Identity.FULL, null)), List.of(),
                    List.of()));
            new SourcePreflight(c).prepare(consented);

            assertThat(publishedTables(c, "pre_part_pub")).contains("public.readings");
            assertThat(Fixtures.queryCount(c, "SELECT count(*) FROM pg_publication WHERE pubname = 'pre_part_pub'"
                    + " AND pubviaroot AND pubtruncate")).isOne();
            // ALTER TABLE on the root does not reach the partitions: each got its own.
            assertThat(List.of(replicaIdentity(c, "readings"), replicaIdentity(c, "readings_eu"), replicaIdentity(c, "readings_us")))
                    .containsOnly("f");
        }
        Fixtures.execute(db, "CREATE PUBLICATION pre_leafy_pub FOR TABLE customers");
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options("pre_leafy", List.of(readings)))).containsExactly(
                    "publication pre_leafy_pub publishes the changes of partitions under the partitions' own names"
                            + " (publish_via_partition_root is off), so the changes of partitioned table public.readings would"
                            + " never reach the change topic: run ALTER PUBLICATION \"pre_leafy_pub\" SET"
                            + " (publish_via_partition_root = true) (if others use this publication, check that they expect it)");
        }
    }

    @Test
    void aPublicationWithoutTruncateIsRefused() throws Exception {
        Fixtures.execute(db, "CREATE PUBLICATION pre_notrunc_pub FOR TABLE customers WITH (publish = 'insert, update, delete')");
        try (Connection c = db.connect()) {
            assertThat(new SourcePreflight(c).check(options("pre_notrunc", List.of(ShopSchema.CUSTOMERS)))).containsExactly(
                    "publication pre_notrunc_pub does not publish every insert, update, delete and truncate: run ALTER"
                            + " PUBLICATION \"pre_notrunc_pub\" SET (publish = 'insert, update, delete, truncate')");
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

    private static String replicaIdentity(Connection c, String table) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT relreplident FROM pg_class WHERE oid = ?::regclass")) {
            s.setString(1, "public." + table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static boolean publicationExists(Connection c, String publication) throws Exception {
        return Fixtures.queryCount(c, "SELECT count(*) FROM pg_publication WHERE pubname = '" + publication + "'") > 0;
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
