package io.syncline.daemon;

import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CaptureLeadership;
import io.syncline.cdc.CaptureStatus;
import io.syncline.cdc.CapturedTable;
import io.syncline.cdc.SlotStatus;
import io.syncline.cli.SynclineVersion;
import io.syncline.processors.ViewCounters;
import io.syncline.processors.ViewMetrics;
import io.syncline.processors.ViewStreams;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JSON document of {@code GET /status} (shape documented with the endpoint): the pipeline,
 * the versions running, readiness, capture (with each table's changes and snapshot progress), the
 * view stage (with each view's counts) and each sink, each with its last error and when it happened.
 */
final class PipelineStatus {
    /** The last error each component reported, with the time it was first seen here (capture and views keep no time). */
    private final Map<String, Map<String, Object>> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, String> versions = SynclineVersion.running();

    Map<String, Object> of(PipelineRuntime runtime, String pipeline) {
        PipelineHealth.Readiness readiness = PipelineHealth.of(runtime);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pipeline", pipeline);
        status.put("time", Instant.now().toString());
        status.put("versions", versions);
        status.put("ready", readiness.ready());
        status.put("reason", readiness.reason());
        status.put("components", HttpEndpoint.components(readiness));
        status.put("roles", runtime.roles().describe());
        // A part another process runs is left out, not shown as not started.
        if (runtime.roles().capture()) {
            status.put("capture", capture(runtime));
            status.put("slot", slot(runtime.slot()));
        }
        if (runtime.roles().views()) {
            status.put("views", views(runtime.views()));
        }
        Map<String, Object> sinks = new LinkedHashMap<>();
        for (String sink : runtime.sinkNames()) {
            sinks.put(sink, sink(sink, runtime.sinks().get(sink)));
        }
        status.put("sinks", sinks);
        return status;
    }

    /**
     * This process's capture: {@code leadership} LEADING, STANDBY (another process captures; {@code standby}
     * says which), TAKING_OVER or FAILED; the capture's figures while it runs one.
     */
    private Map<String, Object> capture(PipelineRuntime runtime) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<CaptureLeadership> leadership = runtime.captureLeadership();
        CaptureLeadership.State state = leadership.map(CaptureLeadership::state).orElse(null);
        CaptureEngine capture = runtime.capture();
        if (capture == null || state == CaptureLeadership.State.STANDBY) {
            out.put("phase", PipelineHealth.withoutCapture(state, Optional.empty(), Optional.empty()).state());
            out.put("leadership", state == null ? null : state.name());
            out.put("standby", leadership.flatMap(CaptureLeadership::standbyReason).orElse(null));
            out.put("lastError", remembered("capture", leadership.flatMap(CaptureLeadership::failure)));
            return out;
        }
        CaptureStatus status = capture.status();
        out.put("phase", status.phase().name());
        out.put("leadership", state == null ? null : state.name());
        out.put("running", capture.isRunning());
        out.put("snapshotRunning", status.snapshotRunning());
        out.put("records", status.recordsSent());
        out.put("errors", status.errors());
        out.put("lastLsn", status.lastLsn() == 0 ? null : status.lastLsnText());
        out.put("lastSourceTime", status.lastSourceTimeMs() <= 0 ? null : Instant.ofEpochMilli(status.lastSourceTimeMs()).toString());
        out.put("sourceLagMs", status.lastSourceTimeMs() <= 0 ? null : Math.max(0, System.currentTimeMillis() - status.lastSourceTimeMs()));
        out.put("lastError", remembered("capture", capture.failure()));
        Map<String, Object> tables = new LinkedHashMap<>();
        capture.tables().forEach(table -> tables.put(table.table().toString(), table(table)));
        out.put("tables", tables);
        return out;
    }

    /** A table's change events by operation, and its snapshot's progress (rowsEstimate null: PostgreSQL has none). */
    private static Map<String, Object> table(CapturedTable table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes", table.changes());
        Map<String, Long> byOperation = new LinkedHashMap<>();
        for (char op : CapturedTable.OPERATIONS.toCharArray()) {
            byOperation.put(String.valueOf(op), table.changes(op));
        }
        out.put("changesByOperation", byOperation);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("state", table.snapshotState().name());
        snapshot.put("rowsRead", table.snapshotRowsRead());
        snapshot.put("rowsEstimate", table.snapshotRowsEstimate() < 0 ? null : table.snapshotRowsEstimate());
        out.put("snapshot", snapshot);
        return out;
    }

    /** The replication slot's last reading against {@code source.walRetention}; byte counts null when unknown. */
    private static Map<String, Object> slot(SlotStatus slot) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", slot.slot());
        out.put("state", slot.state().name());
        out.put("active", slot.active());
        out.put("walStatus", slot.walStatus());
        out.put("retainedBytes", slot.retainedBytes() < 0 ? null : slot.retainedBytes());
        out.put("confirmedFlushLagBytes", slot.confirmedFlushLagBytes() < 0 ? null : slot.confirmedFlushLagBytes());
        out.put("safeWalSizeBytes", slot.safeWalSizeBytes() < 0 ? null : slot.safeWalSizeBytes());
        out.put("budgetBytes", slot.budgetBytes() == 0 ? null : slot.budgetBytes());
        out.put("readAt", slot.readAt() == null ? null : slot.readAt().toString());
        return out;
    }

    private Map<String, Object> views(ViewStreams views) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (views == null) {
            out.put("state", "NOT_STARTED");
            return out;
        }
        ViewMetrics metrics = views.metrics();
        out.put("state", views.state().name());
        out.put("recordsIn", metrics.changesIn());
        out.put("documentsOut", metrics.documents());
        out.put("deletes", metrics.deletes());
        out.put("unchanged", metrics.unchanged());
        out.put("stale", metrics.stale());
        out.put("deadLettered", metrics.deadLettered());
        out.put("deadLetteredByProcessor", metrics.deadLetteredByProcessor());
        out.put("lastError", remembered("views", Optional.ofNullable(views.failure())));
        Map<String, Object> byView = new LinkedHashMap<>();
        metrics.views().forEach((name, view) -> byView.put(name, view(view)));
        out.put("byView", byView);
        return out;
    }

    private static Map<String, Object> view(ViewCounters view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recordsIn", view.recordsIn());
        out.put("documentsOut", view.documents());
        out.put("deletes", view.deletes());
        out.put("unchanged", view.unchanged());
        out.put("stale", view.stale());
        out.put("deadLettered", view.deadLettered());
        return out;
    }

    private Map<String, Object> sink(String name, SinkRunner runner) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (runner == null) {
            out.put("state", "NOT_STARTED");
            return out;
        }
        SinkRunnerMetrics metrics = runner.metrics();
        out.put("state", runner.state().name());
        out.put("retrying", metrics.retryingOn().isPresent());
        out.put("written", metrics.recordsWritten());
        out.put("stale", metrics.recordsStale());
        out.put("deadLettered", metrics.recordsDeadLettered());
        out.put("retries", metrics.retries());
        out.put("batches", metrics.batches());
        Map<String, Long> lag = new LinkedHashMap<>();
        metrics.lag().forEach((partition, records) -> lag.put(partition.toString(), records));
        out.put("lag", metrics.lag().values().stream().mapToLong(Long::longValue).sum());
        out.put("lagByPartition", lag);
        double lagSeconds = metrics.lagSeconds(System.currentTimeMillis());
        out.put("lagSeconds", Double.isNaN(lagSeconds) ? null : lagSeconds);
        out.put("unreachable", metrics.unreachable().map(e -> error(e.message(), e.at())).orElse(null));
        out.put("lastCommit", metrics.lastCommit().map(Instant::toString).orElse(null));
        out.put("lastError", metrics.lastError().map(e -> error(e.message(), e.at())).orElse(null));
        return out;
    }

    /** A component's current failure, with the time this class first saw it. */
    private Map<String, Object> remembered(String component, Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return lastErrors.get(component);
        }
        String message = failure.get().toString();
        return lastErrors.compute(component, (c, before) -> before != null && message.equals(before.get("message"))
                ? before : error(message, Instant.now()));
    }

    private static Map<String, Object> error(String message, Instant at) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("time", at.toString());
        return error;
    }

}
