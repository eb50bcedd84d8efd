package io.syncline.testkit;

/**
 * The test kit's entry point: real service endpoints for tests and benchmarks.
 *
 * <p>Each service is resolved once per JVM, on first use, in this order:
 * <ol>
 *   <li>an endpoint configured from outside: the environment variable or system property named by
 *       {@link ServiceType#environmentVariable()} / {@link ServiceType#systemProperty()};</li>
 *   <li>a Testcontainers container with the official image, when a Docker engine answers
 *       ({@code SYNCLINE_TEST_DOCKER=never} skips this step);</li>
 *   <li>a local server: PostgreSQL from the machine's binaries, Kafka and mongo-java-server
 *       in-process, Elasticsearch from the Maven Central distribution, ClickHouse's engine (chDB)
 *       behind an HTTP front.</li>
 * </ol>
 * Started services are shared by all tests of the JVM and stopped when it exits; every external
 * process is also guarded by a watchdog that stops it if the JVM dies without running its hooks.
 */
public final class Services {
    private static final ServiceRegistry REGISTRY = new ServiceRegistry();

    private Services() {
    }

    public static PostgresEndpoint postgres() {
        return get(ServiceType.POSTGRES);
    }

    public static KafkaEndpoint kafka() {
        return get(ServiceType.KAFKA);
    }

    public static ElasticsearchEndpoint elasticsearch() {
        return get(ServiceType.ELASTICSEARCH);
    }

    public static MongoEndpoint mongodb() {
        return get(ServiceType.MONGODB);
    }

    public static ClickHouseEndpoint clickhouse() {
        return get(ServiceType.CLICKHOUSE);
    }

    /** The endpoint of a service, starting it if this JVM has not yet. */
    public static <E> E get(ServiceType<E> type) {
        return REGISTRY.get(type);
    }

    /** Which provider served a started service, e.g. "local server", or null if not started. */
    public static String providerOf(ServiceType<?> type) {
        return REGISTRY.providerOf(type);
    }
}
