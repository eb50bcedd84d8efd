package io.syncline.testkit.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions and paths the build wrote into {@code testkit.properties}. */
final class TestKitProperties {
    private TestKitProperties() {
    }

    static Properties load() {
        try (InputStream in = TestKitProperties.class.getResourceAsStream("/io/syncline/testkit/testkit.properties")) {
            if (in == null) {
                throw new IllegalStateException("testkit.properties is missing: build the test-kit module with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
