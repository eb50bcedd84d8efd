package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkGroupsTest {

    @Test
    void aGroupIsHeldByOneMemberOnlyWhenTheDeadMemberIsGoneAndTheSurvivorHoldsEveryPartition() {
        assertThat(SinkGroups.heldByOne(List.of(3), 3)).isTrue();
        // The killed member is listed with its partitions until its session times out.
        assertThat(SinkGroups.heldByOne(List.of(2, 1), 3)).isFalse();
        // Between the dead member's removal and the next assignment.
        assertThat(SinkGroups.heldByOne(List.of(2), 3)).isFalse();
        assertThat(SinkGroups.heldByOne(List.of(), 3)).isFalse();
    }

    @Test
    void theSplitNamesEachSinksPartitionsPerMember() {
        Map<String, List<Integer>> bySink = new LinkedHashMap<>();
        bySink.put("search", List.of(2, 1));
        bySink.put("documents", List.of(3));
        bySink.put("analytics", List.of());

        assertThat(SinkGroups.split(bySink)).isEqualTo("search 2 + 1, documents 3, analytics no member");
    }
}
