package io.syncline.processors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A state directory of its own for each TopologyTestDriver: builds running at the same time must
 * not share Kafka Streams' default /tmp/kafka-streams/&lt;application id&gt;. The driver empties it on
 * close; the empty directory goes when the JVM exits.
 */
final class TestStateDirs {
    private TestStateDirs() {
    }

    static String fresh() {
        try {
            Path dir = Files.createTempDirectory("syncline-streams-");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
