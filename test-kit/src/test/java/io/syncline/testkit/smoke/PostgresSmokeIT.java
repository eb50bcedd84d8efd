package io.syncline.testkit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.RealServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL with logical WAL: a pgoutput slot sees a committed insert. */
@RealServices
class PostgresSmokeIT {

    @Test
    void logicalSlotDecodesAnInsertWithPgoutput(PostgresEndpoint server) throws Exception {
        PostgresEndpoint db = server.createDatabase("smoke_logical");
        String marker = "smoke-" + UUID.randomUUID();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(single(s, "SHOW wal_level")).isEqualTo("logical");
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)");
            s.execute("CREATE PUBLICATION smoke_pub FOR TABLE items");
            s.execute("SELECT pg_create_logical_replication_slot('smoke_slot', 'pgoutput')");
            try {
                s.execute("INSERT INTO items VALUES (42, '" + marker + "')");

                List<byte[]> messages = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT data FROM pg_logical_slot_get_binary_changes("
                        + "'smoke_slot', NULL, NULL, 'proto_version', '1', 'publication_names', 'smoke_pub')")) {
                    while (rs.next()) {
                        messages.add(rs.getBytes(1));
                    }
                }
                // pgoutput message types: B(egin), R(elation), I(nsert), C(ommit).
                assertThat(messages).extracting(m -> (char) m[0]).containsSubsequence('B', 'R', 'I', 'C');
                byte[] insert = messages.stream().filter(m -> m[0] == 'I').findFirst().orElseThrow();
                assertThat(new String(insert, StandardCharsets.UTF_8)).contains(marker).contains("42");
                // The slot advanced: the change is not delivered twice.
                assertThat(single(s, "SELECT count(*) FROM pg_logical_slot_get_binary_changes('smoke_slot', NULL, NULL, "
                        + "'proto_version', '1', 'publication_names', 'smoke_pub')")).isEqualTo("0");
            } finally {
                s.execute("SELECT pg_drop_replication_slot('smoke_slot')");
            }
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
