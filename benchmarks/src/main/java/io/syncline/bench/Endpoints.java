package io.syncline.bench;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.ServiceType;
import io.syncline.testkit.Services;
import java.util.stream.Collectors;

/** The test kit's real services, started (or found configured) once for the whole run. */
record Endpoints(PostgresEndpoint postgres, KafkaEndpoint kafka, ElasticsearchEndpoint elasticsearch,
                 MongoEndpoint mongodb, ClickHouseEndpoint clickhouse) {

    static Endpoints start() {
        return new Endpoints(Services.postgres(), Services.kafka(), Services.elasticsearch(), Services.mongodb(),
                Services.clickhouse());
    }

    /** Which provider served each service, e.g. "PostgreSQL: local server". */
    static String providers() {
        return ServiceType.ALL.stream()
                .map(type -> type.displayName() + ": " + Services.providerOf(type))
                .collect(Collectors.joining("; "));
    }
}
