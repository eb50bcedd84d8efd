package io.syncline.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one round measured.
 *
 * @param cpu            CPU per stage of the phases measured for it: A's snapshot and stream, each store's B,
 *                       C's snapshot and stream (under {@link Metric#C_SNAPSHOT_ALL}, {@link Metric#C_STREAM_ALL})
 *                       and K's
 * @param metricsCost    C with and without metrics, when asked for ({@code --metrics-cost}); else null
 * @param heapPeakMb     peak heap used during each phase
 * @param synclineStatus the pipeline's own counters at the end of C
 * @param connectStatus  how K's Kafka Connect worker and connectors ran
 * @param backfillStatus the backfill pipeline's own counters and the backfill's notifications at the end of D
 * @param verifyStatus   E's answers and times, or why E did not run
 * @param verifyFailures E's checks that did not answer 0 (equal), or why E did not run; empty when all were equal
 * @param latency        L's latencies; null when L was skipped ({@code --latency-seconds 0})
 * @param backlog        H's drain and the daemon's heap; null when H was skipped (no {@code --backlog})
 * @param scaleOut       W's drains with one and two workers and the failovers; null when W was skipped (no {@code --workers-backlog})
 */
record RoundResult(int round, Map<Metric, Measurement> measurements, Map<Metric, CpuCost> cpu, MetricsCost metricsCost,
                   Map<Phase, Long> heapPeakMb, String synclineStatus, String connectStatus, String backfillStatus, String verifyStatus,
                   List<String> verifyFailures, LatencyResult latency, BacklogResult backlog,
                   ScaleOutResult scaleOut) {
    RoundResult {
        verifyFailures = List.copyOf(verifyFailures);
    }
}
