package io.syncline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    @AfterEach
    void clear() {
        System.clearProperty(ServiceType.KAFKA.systemProperty());
        System.clearProperty(ServiceType.POSTGRES.systemProperty());
    }

    @Test
    void aConfiguredEndpointIsUsedAsIsAndNamedAsTheProvider() {
        System.setProperty(ServiceType.KAFKA.systemProperty(), "broker-1:9092,broker-2:9092");
        ServiceRegistry registry = new ServiceRegistry();

        assertThat(registry.get(ServiceType.KAFKA)).isEqualTo(new KafkaEndpoint("broker-1:9092,broker-2:9092"));
        assertThat(registry.providerOf(ServiceType.KAFKA)).isEqualTo("configured endpoint");
    }

    @Test
    void anInvalidConfiguredEndpointFailsWithTheVariableNameEveryTime() {
        System.setProperty(ServiceType.POSTGRES.systemProperty(), "mysql://nope");
        ServiceRegistry registry = new ServiceRegistry();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> registry.get(ServiceType.POSTGRES))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("SYNCLINE_TEST_POSTGRES_URL")
                    .hasMessageContaining("What to do");
        }
    }
}
