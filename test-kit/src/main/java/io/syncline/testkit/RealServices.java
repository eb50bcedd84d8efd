package io.syncline.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lets a test (constructor, lifecycle or test method) take {@link PostgresEndpoint},
 * {@link KafkaEndpoint}, {@link ElasticsearchEndpoint}, {@link MongoEndpoint} or
 * {@link ClickHouseEndpoint} parameters. Each service starts on first use and is shared by every
 * test in the JVM; see {@link Services} for how it is found.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServicesExtension.class)
public @interface RealServices {
}
