package io.syncline.bench;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything one round of the joined-views measurement measured.
 *
 * @param stores         bytes per state store after the last phase, the pipeline closed
 * @param storeData      the same, of the data files only
 * @param heapPeakMb     peak heap used during the round
 * @param loadAtEnd      the 1-minute load average when the round ended
 * @param synclineStatus the pipeline's own counters at the end of the round
 */
record JoinsRoundResult(int round, List<Phase> phases, SortedMap<String, Long> stores, SortedMap<String, Long> storeData,
                        long heapPeakMb, double loadAtEnd, String synclineStatus) {

    /**
     * One phase: its targets, what each stage took, when the views produced their first document
     * (seconds from the phase's start; J4: from the first change the views read), the CPU it cost per source row or change, until every
     * sink was done, and the records the view stage sent per topic ({@link ViewStageWrites}).
     */
    record Phase(PhasePlan plan, Map<JoinStage, Measurement> measurements, double firstDocumentSeconds, CpuCost cpu,
                 SortedMap<String, Long> viewWrites) {
    }

    Phase phase(JoinPhase phase) {
        return phases.stream().filter(p -> p.plan().phase() == phase).findFirst().orElse(null);
    }
}
