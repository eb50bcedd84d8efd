package io.syncline.bench;

import java.util.Map;

/**
 * Everything one round measured.
 *
 * @param heapPeakMb     peak heap used during each phase
 * @param synclineStatus the pipeline's own counters at the end of the round
 */
record RoundResult(int round, Map<Metric, Measurement> measurements, Map<Phase, Long> heapPeakMb, String synclineStatus) {
}
