package io.syncline.bench;

import io.syncline.sink.runner.SinkRunnerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * The Kafka consumer groups of a pipeline's sinks ({@code syncline.<pipeline>.sink.<sink>}): how their
 * partitions are spread over the group's members, as Kafka's group coordinator has them. A killed
 * member stays listed, with its partitions, until its session times out.
 */
final class SinkGroups implements AutoCloseable {
    private final Admin admin;
    /** Group by sink name, in the order the sinks are declared. */
    private final Map<String, String> groups = new LinkedHashMap<>();

    SinkGroups(String bootstrapServers, String pipeline) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-sink-groups"));
        Arrays.stream(BenchPipeline.Store.values()).map(BenchPipeline.Store::sinkName)
                .forEach(sink -> groups.put(sink, SinkRunnerOptions.consumerGroup(pipeline, sink)));
    }

    /** Per sink, the partitions each member holds, most first. */
    Map<String, List<Integer>> partitionsByMember() throws Exception {
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups.values()).all().get();
        Map<String, List<Integer>> bySink = new LinkedHashMap<>();
        groups.forEach((sink, group) -> bySink.put(sink, described.get(group).members().stream().map(MemberDescription::assignment)
                .map(assignment -> assignment.topicPartitions().size()).sorted(Comparator.reverseOrder()).toList()));
        return bySink;
    }

    /** The sinks whose group has a single member holding all {@code partitions}. */
    Convergence.Count heldByOneMember(int partitions) {
        return () -> partitionsByMember().values().stream().filter(members -> heldByOne(members, partitions)).count();
    }

    /** The sinks whose group has {@code count} members, each holding at least one partition. */
    Convergence.Count sharedBy(int count) {
        return () -> partitionsByMember().values().stream()
                .filter(members -> members.size() == count && members.stream().allMatch(p -> p > 0)).count();
    }

    /**
     * Deletes the sinks' consumer groups, so that they start again from the topics' beginning. A group
     * whose members have just left may still be listed as not empty for a moment: retried until {@code timeout}.
     */
    void delete(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(groups.values()).all().get();
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    int sinks() {
        return groups.size();
    }

    static boolean heldByOne(List<Integer> partitionsByMember, int partitions) {
        return partitionsByMember.size() == 1 && partitionsByMember.get(0) == partitions;
    }

    /** "search 2 + 1, documents 2 + 1, ...": each sink's partitions per member. */
    static String split(Map<String, List<Integer>> partitionsByMember) {
        return partitionsByMember.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue().isEmpty() ? "no member"
                : e.getValue().stream().map(String::valueOf).collect(Collectors.joining(" + "))))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        admin.close();
    }
}
