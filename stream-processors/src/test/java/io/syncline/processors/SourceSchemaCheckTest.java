package io.syncline.processors;

import static io.syncline.processors.ShopFixture.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.config.SourceRef;
import io.syncline.config.ViewSpec;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.processors.plan.ViewPlanner;
import io.syncline.view.SourceSchemaHeader;
import io.syncline.view.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change event whose table changed stops the view stage before any view sees it, and is never dead-lettered. */
class SourceSchemaCheckTest {
    private static final String TOPIC = Topics.changeTopic("shop", ORDERS.schema(), ORDERS.table());

    private final List<String> checked = new ArrayList<>();
    private ViewTopologyDriver driver;
    private TestInputTopic<String, String> changes;
    private TestOutputTopic<String, byte[]> documents;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() throws Exception {
        ViewPlan plan = ViewPlanner.plan(List.of(new ViewSpec("orders", ORDERS, List.of(), List.of(), List.of(),
                SourceRef.UNKNOWN)), ShopFixture.TABLES, "shop").get(0);
        SourceSchemaWatch watch = (topic, fingerprint) -> {
            checked.add(topic + " " + fingerprint);
            if (fingerprint.equals("changed")) {
                throw new SourceSchemaChangedException("public.orders", "table public.orders: added note (text)");
            }
        };
        driver = ViewTopologyDriver.of(plan).deadLetters().schemaWatch(watch).start();
        changes = driver.changes(ORDERS);
        documents = driver.view();
        deadLetters = driver.deadLetters();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aConfirmedOrMissingFingerprintPassesAndAChangedOneStopsBeforeAnyViewSeesIt() {
        send(1, "planned");
        send(2, null);
        assertThat(documents.readKeyValuesToList()).hasSize(2);

        assertThatThrownBy(() -> send(3, "changed"))
                .satisfies(error -> assertThat(SourceSchemaChangedException.in(error)).get()
                        .extracting(SourceSchemaChangedException::table).isEqualTo("public.orders"));
        assertThat(documents.isEmpty()).as("the event reached no view").isTrue();
        assertThat(deadLetters.isEmpty()).as("not dead-lettered").isTrue();
        assertThat(checked).containsExactly(TOPIC + " planned", TOPIC + " changed");
    }

    private void send(long id, String fingerprint) {
        RecordHeaders headers = new RecordHeaders();
        if (fingerprint != null) {
            headers.add(SourceSchemaHeader.NAME, fingerprint.getBytes(StandardCharsets.UTF_8));
        }
        changes.pipeInput(new TestRecord<>("{\"id\":" + id + "}", "{\"op\":\"c\",\"before\":null,\"after\":{\"id\":" + id
                + ",\"customer_id\":null,\"status\":\"new\",\"total\":\"1.00\",\"placed_at\":\"2026-11-21T10:00:00.123456Z\"},"
                + "\"source\":{\"lsn\":" + (1000 + id) + ",\"ts_ms\":1700000000000}}", headers));
    }
}
