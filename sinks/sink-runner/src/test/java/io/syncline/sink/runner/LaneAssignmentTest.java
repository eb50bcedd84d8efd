package io.syncline.sink.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LaneAssignmentTest {

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneKeyAlwaysGoesToTheSameLane() {
        for (int i = 0; i < 1000; i++) {
            String id = "order-" + i;
            int lane = LaneAssignment.laneOf("shop.view.orders", key(id), 4);
            assertThat(lane).isBetween(0, 3);
            // A fresh byte array each time: the lane depends on the key's content, not its identity.
            assertThat(LaneAssignment.laneOf("shop.view.orders", key(id), 4)).isEqualTo(lane);
        }
    }

    @Test
    void lanesDoNotDependOnTheJvmOrTheRun() {
        // Pinned: a hash that changed between runs or JVMs (identity hashes, seeded hashes) would show here.
        assertThat(IntStream.range(0, 12).map(i -> LaneAssignment.laneOf("t", key("id-" + i), 3)).toArray())
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 0, 2, 1, 1, 0);
    }

    @Test
    void keysSpreadEvenlyOverLanes() {
        int lanes = 4;
        int[] counts = new int[lanes];
        for (int i = 0; i < 20_000; i++) {
            counts[LaneAssignment.laneOf("shop.view.orders", key("order-" + i), lanes)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(4_500, 5_500);
        }
    }

    @Test
    void theTopicIsPartOfTheHash() {
        long differing = IntStream.range(0, 200)
                .filter(i -> LaneAssignment.laneOf("a.view.x", key("k" + i), 4) != LaneAssignment.laneOf("a.view.y", key("k" + i), 4))
                .count();
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void oneLaneTakesEverything() {
        assertThat(LaneAssignment.laneOf("t", key("any"), 1)).isZero();
        assertThat(LaneAssignment.laneOf("t", null, 3)).isBetween(0, 2);
    }
}
