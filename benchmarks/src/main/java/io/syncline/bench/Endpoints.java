package io.syncline.bench;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.ServiceType;
import io.syncline.testkit.Services;
import java.util.stream.Collectors;

/**
 * The test kit's real services, started (or found configured) once for the whole run.
 *
 * @param elasticsearchRefreshInterval the Elasticsearch sink's {@code connection.refreshInterval} in every
 *                                     measured pipeline; null leaves Elasticsearch's default (1 s)
 */
record Endpoints(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint elasticsearch,
                 MongoEndpoint mongodb, ClickHouseEndpoint clickhouse, String elasticsearchRefreshInterval) {

    static Endpoints start(String elasticsearchRefreshInterval) {
        return new Endpoints(Services.postgres(), Services.kafka(), Services.elasticsearch(), Services.mongodb(),
                Services.clickhouse(), elasticsearchRefreshInterval);
    }

    /** The Elasticsearch sink's connection options besides its url, as YAML flow-mapping entries. */
    String elasticsearchSinkOptions() {
        return "numberOfReplicas: 0" + (elasticsearchRefreshInterval == null ? "" : ", refreshInterval: " + elasticsearchRefreshInterval);
    }

    /** Which provider served each service, e.g. "PostgreSQL: local server". */
    static String providers() {
        return ServiceType.ALL.stream()
                .map(type -> type.displayName() + ": " + Services.providerOf(type))
                .collect(Collectors.joining("; "));
    }
}
