package io.syncline.bench;

import java.util.Map;

/**
 * Everything one round measured.
 *
 * @param heapPeakMb     peak heap used during each phase
 * @param synclineStatus the pipeline's own counters at the end of C
 * @param backfillStatus the backfill pipeline's own counters and the backfill's notifications at the end of D
 */
record RoundResult(int round, Map<Metric, Measurement> measurements, Map<Phase, Long> heapPeakMb, String synclineStatus,
                   String backfillStatus) {
}
