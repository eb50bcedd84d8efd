package io.syncline.testkit.docker;

import io.syncline.testkit.ClickHouseEndpoint;
import io.syncline.testkit.ElasticsearchEndpoint;
import io.syncline.testkit.KafkaEndpoint;
import io.syncline.testkit.MongoEndpoint;
import io.syncline.testkit.PostgresEndpoint;
import io.syncline.testkit.local.RunningService;
import java.net.URI;
import java.time.Duration;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The official images, the same versions docker-compose.yml runs. */
public final class Containers {
    static final String POSTGRES_IMAGE = "postgres:15";
    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.21";
    static final String MONGODB_IMAGE = "mongo:7.0";
    static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";

    private Containers() {
    }

    public static RunningService<PostgresEndpoint> postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=16",
                        "-c", "max_wal_senders=16", "-c", "fsync=off");
        container.start();
        return running(new PostgresEndpoint(container.getHost(), container.getMappedPort(5432),
                container.getDatabaseName(), container.getUsername(), container.getPassword()), container);
    }

    public static RunningService<KafkaEndpoint> kafka() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        return running(new KafkaEndpoint(container.getBootstrapServers()), container);
    }

    public static RunningService<ElasticsearchEndpoint> elasticsearch() {
        ElasticsearchContainer container = new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withStartupTimeout(Duration.ofMinutes(3));
        container.start();
        return running(new ElasticsearchEndpoint(URI.create("http://" + container.getHttpHostAddress())), container);
    }

    public static RunningService<MongoEndpoint> mongodb() {
        MongoDBContainer container = new MongoDBContainer(MONGODB_IMAGE);
        container.start();
        return running(new MongoEndpoint(container.getConnectionString()), container);
    }

    public static RunningService<ClickHouseEndpoint> clickhouse() {
        ClickHouseContainer container = new ClickHouseContainer(CLICKHOUSE_IMAGE);
        container.start();
        return running(new ClickHouseEndpoint(URI.create(container.getHttpUrl()),
                container.getUsername(), container.getPassword()), container);
    }

    private static <E> RunningService<E> running(E endpoint, GenericContainer<?> container) {
        return new RunningService<>(endpoint, container.getDockerImageName() + " at " + endpoint, container::stop);
    }
}
