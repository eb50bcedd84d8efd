package io.syncline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ConfiguredEndpointsTest {

    @Test
    void postgresUriWithCredentialsAndDatabase() {
        assertThat(ConfiguredEndpoints.postgres("postgresql://app:s%40cret@db.local:6543/shop"))
                .isEqualTo(new PostgresEndpoint("db.local", 6543, "shop", "app", "s@cret"));
    }

    @Test
    void postgresDefaultsAndJdbcPrefix() {
        assertThat(ConfiguredEndpoints.postgres("jdbc:postgresql://127.0.0.1/"))
                .isEqualTo(new PostgresEndpoint("127.0.0.1", 5432, "postgres", "postgres", ""));
    }

    @Test
    void postgresRejectsOtherSchemes() {
        assertThatThrownBy(() -> ConfiguredEndpoints.postgres("mysql://x/y"))
                .hasMessageContaining("postgresql://user:password@host:port/database");
    }

    @Test
    void clickhouseCredentialsMoveOutOfTheUrl() {
        ClickHouseEndpoint endpoint = ConfiguredEndpoints.clickhouse("http://reader:pw@ch:8123/");
        assertThat(endpoint).isEqualTo(new ClickHouseEndpoint(URI.create("http://ch:8123"), "reader", "pw"));
        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:clickhouse:http://ch:8123/default?compress=false");
    }

    @Test
    void elasticsearchTrailingSlashDropped() {
        assertThat(ConfiguredEndpoints.elasticsearch("http://es:9200/").url()).isEqualTo(URI.create("http://es:9200"));
    }

    @Test
    void systemPropertyNamesFollowTheEnvironmentVariables() {
        assertThat(ServiceType.POSTGRES.systemProperty()).isEqualTo("syncline.test.postgres.url");
        assertThat(ServiceType.KAFKA.environmentVariable()).isEqualTo("SYNCLINE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(ServiceType.KAFKA.systemProperty()).isEqualTo("syncline.test.kafka.bootstrap.servers");
    }
}
