package io.syncline.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one round measured.
 *
 * @param heapPeakMb     peak heap used during each phase
 * @param synclineStatus the pipeline's own counters at the end of C
 * @param backfillStatus the backfill pipeline's own counters and the backfill's notifications at the end of D
 * @param verifyStatus   E's answers and times, or why E did not run
 * @param verifyFailures E's checks that did not answer 0 (equal), or why E did not run; empty when all were equal
 */
record RoundResult(int round, Map<Metric, Measurement> measurements, Map<Phase, Long> heapPeakMb, String synclineStatus,
                   String backfillStatus, String verifyStatus, List<String> verifyFailures) {
    RoundResult {
        verifyFailures = List.copyOf(verifyFailures);
    }
}
