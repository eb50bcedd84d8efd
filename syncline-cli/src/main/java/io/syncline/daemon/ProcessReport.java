package io.syncline.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one process of a pipeline says about itself on the processes topic ({@link ProcessRegistry}):
 * where it runs, its roles and what it holds now. {@code syncline status --processes} lists them.
 *
 * @param id             the process: host, PID and start time, unique per run
 * @param roles          {@link PipelineRoles#describe()}
 * @param started        when it started (ISO-8601)
 * @param seen           when it wrote this report (ISO-8601)
 * @param http           its HTTP endpoint (health, metrics, status), or null when off
 * @param capture        the capture's phase in this process ({@code STREAMING}, {@code STANDBY}...), or null when it does not capture
 * @param viewTasks      the view stage's tasks it runs (Kafka Streams task ids), empty when it runs no views
 * @param sinkPartitions per sink it runs, the view-topic partitions it holds ({@code topic-N})
 */
public record ProcessReport(String id, String host, long pid, String roles, String started, String seen, String http,
                            String capture, List<String> viewTasks, Map<String, List<String>> sinkPartitions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ProcessReport {
        viewTasks = List.copyOf(viewTasks);
        sinkPartitions = Map.copyOf(sinkPartitions);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a process report cannot be written as JSON", e);
        }
    }

    public static ProcessReport fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ProcessReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a process report: " + e.getMessage(), e);
        }
    }

    /** How long before {@code now} this report was written. */
    public Duration age(Instant now) {
        return Duration.between(Instant.parse(seen), now);
    }
}
