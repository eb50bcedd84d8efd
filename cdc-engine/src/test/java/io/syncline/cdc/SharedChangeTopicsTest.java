package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.KafkaSpec;
import io.syncline.config.PipelineSpec;
import io.syncline.config.PostgresSpec;
import io.syncline.config.Secret;
import io.syncline.config.SnapshotMode;
import io.syncline.config.SourceSpec;
import io.syncline.config.TableName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedChangeTopicsTest {

    @Test
    void tablesWithOddNamesGetTheirOwnTopics() {
        assertThat(SharedChangeTopics.problems(options(new TableName("Stock", "Item Lots"),
                new TableName("public", "Bestände"), new TableName("public", "item_lots")))).isEmpty();
    }

    @Test
    void twoTablesWhoseNamesSanitizeAlikeAreRefusedNamingBoth() {
        List<String> problems = SharedChangeTopics.problems(options(new TableName("public", "a b"),
                new TableName("public", "orders"), new TableName("public", "a_b")));

        assertThat(problems).singleElement().asString().contains("tables \"public\".\"a b\" and \"public\".\"a_b\"",
                "would share the change topic shop.public.a_b", "rename one of them",
                "ALTER TABLE \"public\".\"a_b\" RENAME TO", "capture only one of them");
    }

    @Test
    void twoLongNamesCutToTheSameTopicAreRefused() {
        String common = "t".repeat(260);
        List<String> problems = SharedChangeTopics.problems(options(new TableName("public", common + "_one"),
                new TableName("public", common + "_two")));

        assertThat(problems).singleElement().asString()
                .contains("would share the change topic " + ("shop.public." + common).substring(0, 249) + " (");
    }

    @Test
    void aTableSharingTheHeartbeatTablesTopicIsRefused() {
        List<String> problems = SharedChangeTopics.problems(options(new TableName("public", "syncline heartbeat")));

        assertThat(problems).singleElement().asString()
                .contains("\"public\".\"syncline heartbeat\" and \"public\".\"syncline_heartbeat\"",
                        "ALTER TABLE \"public\".\"syncline heartbeat\" RENAME TO");
    }

    private static CaptureOptions options(TableName... tables) {
        SourceSpec source = new SourceSpec(new PostgresSpec("db.internal", 5432, "shop", "syncline",
                new Secret("s3cret")), "shop_slot", "shop_pub", List.of(tables), SnapshotMode.INITIAL,
                Duration.ofSeconds(10), Map.of(), Map.of(), List.of(), Map.of(), 0);
        PipelineSpec pipeline = new PipelineSpec("shop", "/var/lib/syncline/shop", source,
                new KafkaSpec(Optional.empty(), "shop", 1, (short) 1, Map.of()), List.of(), List.of());
        return CaptureOptions.from(pipeline, "localhost:9092");
    }
}
