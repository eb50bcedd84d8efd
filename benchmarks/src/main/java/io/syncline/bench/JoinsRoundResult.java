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
     * sink was done, the records the view stage sent per topic ({@link ViewStageWrites}), and, when the
     * views stood still with documents that are not the source's (J4, J5), what was wrong, else null.
     */
    record Phase(PhasePlan plan, Map<JoinStage, Measurement> measurements, double firstDocumentSeconds, CpuCost cpu,
                 SortedMap<String, Long> viewWrites, String wrongDocuments) {
    }

    /** Each phase's wrong documents, labelled with the phase. */
    List<String> wrongDocuments() {
        return phases.stream().filter(p -> p.wrongDocuments() != null)
                .map(p -> p.plan().phase().label() + ": " + p.wrongDocuments()).toList();
    }

    Phase phase(JoinPhase phase) {
        return phases.stream().filter(p -> p.plan().phase() == phase).findFirst().orElse(null);
    }
}
