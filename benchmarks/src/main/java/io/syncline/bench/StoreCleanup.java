package io.syncline.bench;

import java.sql.Connection;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a measurement wrote, so rounds do not accumulate data (the local MongoDB keeps its
 * documents in this JVM's heap). Failures are logged, not thrown: clean-up must not hide a result.
 */
final class StoreCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCleanup.class);

    private StoreCleanup() {
    }

    static void drop(StoreClients clients, String elasticsearchIndex, String mongoDatabase, String clickhouseTable) {
        try {
            clients.elasticsearch().indices().delete(d -> d.index(elasticsearchIndex).ignoreUnavailable(true));
        } catch (Exception e) {
            LOG.warn("could not delete index {}: {}", elasticsearchIndex, e.toString());
        }
        dropMongoDatabase(clients, mongoDatabase);
        try (Connection c = clients.clickhouse(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS `" + clickhouseTable + "`");
        } catch (Exception e) {
            LOG.warn("could not drop ClickHouse table {}: {}", clickhouseTable, e.toString());
        }
    }

    static void dropMongoDatabase(StoreClients clients, String database) {
        try {
            clients.mongodb().getDatabase(database).drop();
        } catch (Exception e) {
            LOG.warn("could not drop MongoDB database {}: {}", database, e.toString());
        }
    }
}
