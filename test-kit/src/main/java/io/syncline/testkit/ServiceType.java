package io.syncline.testkit;

import io.syncline.testkit.docker.Containers;
import io.syncline.testkit.local.LocalClickHouse;
import io.syncline.testkit.local.LocalElasticsearch;
import io.syncline.testkit.local.LocalKafka;
import io.syncline.testkit.local.LocalMongo;
import io.syncline.testkit.local.LocalOptions;
import io.syncline.testkit.local.LocalPostgres;
import io.syncline.testkit.local.RunningService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One kind of service a test can ask for, with its three ways of being provided: an endpoint
 * configured from outside, a Testcontainers container, or a local server.
 */
public final class ServiceType<E> {

    public static final ServiceType<PostgresEndpoint> POSTGRES = new ServiceType<>(
            "PostgreSQL", PostgresEndpoint.class, "SYNCLINE_TEST_POSTGRES_URL",
            ConfiguredEndpoints::postgres, Containers::postgres, LocalPostgres::start,
            "Install the PostgreSQL server binaries (Debian: apt-get install postgresql), or point "
                    + "SYNCLINE_TEST_POSTGRES_URL at a server with wal_level=logical.");

    public static final ServiceType<KafkaEndpoint> KAFKA = new ServiceType<>(
            "Kafka", KafkaEndpoint.class, "SYNCLINE_TEST_KAFKA_BOOTSTRAP_SERVERS",
            KafkaEndpoint::new, Containers::kafka, LocalKafka::start,
            "The in-process broker needs only the test classpath; check the log above, or point "
                    + "SYNCLINE_TEST_KAFKA_BOOTSTRAP_SERVERS at a broker.");

    public static final ServiceType<ElasticsearchEndpoint> ELASTICSEARCH = new ServiceType<>(
            "Elasticsearch", ElasticsearchEndpoint.class, "SYNCLINE_TEST_ELASTICSEARCH_URL",
            ConfiguredEndpoints::elasticsearch, Containers::elasticsearch, LocalElasticsearch::start,
            "Build the test-kit module once (./mvnw -pl test-kit package) so Maven fetches the "
                    + "Elasticsearch distribution, or point SYNCLINE_TEST_ELASTICSEARCH_URL at a node.");

    public static final ServiceType<MongoEndpoint> MONGODB = new ServiceType<>(
            "MongoDB", MongoEndpoint.class, "SYNCLINE_TEST_MONGODB_URI",
            MongoEndpoint::new, Containers::mongodb, LocalMongo::start,
            "The in-process mongo-java-server needs only the test classpath; or point "
                    + "SYNCLINE_TEST_MONGODB_URI at a mongod.");

    public static final ServiceType<ClickHouseEndpoint> CLICKHOUSE = new ServiceType<>(
            "ClickHouse", ClickHouseEndpoint.class, "SYNCLINE_TEST_CLICKHOUSE_URL",
            ConfiguredEndpoints::clickhouse, Containers::clickhouse, LocalClickHouse::start,
            "Install Node.js 18+ with npm and allow access to the npm registry (the chdb package), "
                    + "or point SYNCLINE_TEST_CLICKHOUSE_URL at a ClickHouse server's HTTP port.");

    public static final List<ServiceType<?>> ALL = List.of(POSTGRES, KAFKA, ELASTICSEARCH, MONGODB, CLICKHOUSE);

    private final String displayName;
    private final Class<E> endpointType;
    private final String environmentVariable;
    private final Function<String, E> configured;
    private final Supplier<RunningService<E>> container;
    private final Function<LocalOptions, RunningService<E>> local;
    private final String installHint;

    private ServiceType(String displayName, Class<E> endpointType, String environmentVariable,
                        Function<String, E> configured, Supplier<RunningService<E>> container,
                        Function<LocalOptions, RunningService<E>> local, String installHint) {
        this.displayName = displayName;
        this.endpointType = endpointType;
        this.environmentVariable = environmentVariable;
        this.configured = configured;
        this.container = container;
        this.local = local;
        this.installHint = installHint;
    }

    static Optional<ServiceType<?>> forEndpoint(Class<?> type) {
        return ALL.stream().filter(s -> s.endpointType.equals(type)).findFirst()
                .map(s -> (ServiceType<?>) s);
    }

    public String displayName() {
        return displayName;
    }

    /** The environment variable that names an existing endpoint. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** The system property that names an existing endpoint, e.g. {@code syncline.test.postgres.url}. */
    public String systemProperty() {
        return environmentVariable.toLowerCase().replace('_', '.');
    }

    E parseConfigured(String value) {
        return configured.apply(value);
    }

    RunningService<E> startContainer() {
        return container.get();
    }

    /** Starts a local server (also used by the local-services script, with fixed ports and directories). */
    public RunningService<E> startLocal(LocalOptions options) {
        return local.apply(options);
    }

    String installHint() {
        return installHint;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
