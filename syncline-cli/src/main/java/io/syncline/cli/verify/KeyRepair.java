package io.syncline.cli.verify;

import io.syncline.cdc.BackfillSignal;
import io.syncline.cli.PipelineKafka;
import io.syncline.cli.SinkCalls;
import io.syncline.cli.backfill.Backfills;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.daemon.SinkOptionsOf;
import io.syncline.processors.plan.RowSource;
import io.syncline.sink.RecordCoordinates;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkRecord;
import io.syncline.sink.SinkWriter;
import io.syncline.sink.WriteOutcome;
import io.syncline.view.Op;
import io.syncline.view.ViewRecord;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code verify --deep --repair}: puts right exactly the documents a check found wrong.
 * <ul>
 *   <li>Missing and different documents: a backfill of their root rows, {@link RootKeyCondition
 *       by key}, through the running daemon, which re-sends every document those rows reach with
 *       a newer version (joined ones too), so the version guard of every sink takes them.</li>
 *   <li>Extra documents (in a sink, not in the view): deleted from that sink with a version one
 *       above the stored one, so a newer write of the same document still wins.</li>
 * </ul>
 */
final class KeyRepair {
    /** Keys per backfill (keeps its condition, and Debezium's chunk query, a few tens of kilobytes) and deletes per batch. */
    static final int KEYS_PER_BACKFILL = 1_000;
    private static final RecordCoordinates NOT_FROM_KAFKA = new RecordCoordinates("verify --repair", -1, -1);

    private final PipelineSpec spec;
    private final PipelineKafka kafka;
    private final Map<String, ViewSchema> schemas;
    private final Map<String, RowSource> roots;
    private final ViewVerification verification;
    private final PrintWriter out;

    KeyRepair(PipelineSpec spec, PipelineKafka kafka, Map<String, ViewSchema> schemas, Map<String, RowSource> roots,
              ViewVerification verification, PrintWriter out) {
        this.spec = spec;
        this.kafka = kafka;
        this.schemas = schemas;
        this.roots = roots;
        this.verification = verification;
        this.out = out;
    }

    /** Repairs one view's differences in every sink; false when a backfill did not complete. */
    boolean repair(String view, List<ViewCheck> checks) throws Exception {
        TreeSet<String> reread = new TreeSet<>();
        checks.forEach(c -> c.differences().stream().filter(d -> d.kind() != Difference.Kind.EXTRA)
                .forEach(d -> reread.add(d.id())));
        if (!reread.isEmpty() && !backfill(view, new ArrayList<>(reread))) {
            return false;
        }
        for (ViewCheck check : checks) {
            List<Difference> extra = check.of(Difference.Kind.EXTRA);
            if (!extra.isEmpty()) {
                delete(view, spec.sinks().stream().filter(s -> s.name().equals(check.sink())).findFirst().orElseThrow(),
                        extra);
            }
        }
        return true;
    }

    private boolean backfill(String view, List<String> ids) throws Exception {
        RowSource root = roots.get(view);
        out.printf("view %s: backfilling %d root rows of %s%n", view, ids.size(), root.table());
        out.flush();
        for (int from = 0; from < ids.size(); from += KEYS_PER_BACKFILL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_BACKFILL));
            BackfillSignal signal = new BackfillSignal("repair-" + UUID.randomUUID(), List.of(root.table()),
                    Optional.of(RootKeyCondition.of(root.schema(), batch)));
            Backfills.Outcome outcome = Backfills.run(spec, kafka, signal, true, out);
            if (outcome != Backfills.Outcome.COMPLETED) {
                out.printf("view %s: the repair's backfill %s %s; nothing more is repaired%n", view, signal.id(),
                        outcome == Backfills.Outcome.ABORTED ? "was aborted" : "waits for the daemon to start");
                return false;
            }
        }
        verification.awaitViewStage();
        return true;
    }

    private void delete(String view, SinkSpec sink, List<Difference> extra) throws Exception {
        List<SinkRecord> deletes = extra.stream().map(d -> new SinkRecord(view,
                new ViewRecord(d.id(), d.sinkVersion() + 1, Op.DELETE, System.currentTimeMillis(), null),
                NOT_FROM_KAFKA)).toList();
        try (SinkWriter writer = SinkFactories.discover().forType(sink.type()).create(SinkOptionsOf.of(sink, schemas))) {
            SinkCalls.reaching(sink, writer, () -> {
                writer.prepare();
                return null;
            });
            List<WriteOutcome> outcomes = new ArrayList<>();
            for (int from = 0; from < deletes.size(); from += KEYS_PER_BACKFILL) {
                List<SinkRecord> batch = deletes.subList(from, Math.min(deletes.size(), from + KEYS_PER_BACKFILL));
                outcomes.addAll(SinkCalls.reaching(sink, writer, () -> writer.write(batch)));
            }
            long deleted = outcomes.stream().filter(o -> o instanceof WriteOutcome.Written).count();
            out.printf("view %s: deleted %d of %d extra documents from sink %s%n", view, deleted, deletes.size(), sink.name());
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof WriteOutcome.Failed failed) {
                    out.printf("  id %s: %s%n", deletes.get(i).record().id(), failed.cause());
                }
            }
            out.flush();
        }
    }
}
