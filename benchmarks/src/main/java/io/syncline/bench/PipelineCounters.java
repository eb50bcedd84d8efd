package io.syncline.bench;

import io.syncline.cdc.CaptureStatus;
import io.syncline.daemon.PipelineRuntime;
import io.syncline.processors.ViewMetrics;
import io.syncline.sink.runner.SinkRunnerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A running pipeline's own counters in one line, printed under the tables. */
final class PipelineCounters {

    private PipelineCounters() {
    }

    static String describe(PipelineRuntime runtime, double startupSeconds) {
        CaptureStatus capture = runtime.capture().status();
        ViewMetrics views = runtime.views().metrics();
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "PipelineRuntime.start took %.1f s", startupSeconds));
        parts.add(String.format(Locale.ROOT, "capture %s: %,d records sent, %,d errors", capture.phase(),
                capture.recordsSent(), capture.errors()));
        parts.add(String.format(Locale.ROOT, "views: %,d documents, %,d deletes, %,d unchanged, %,d stale, %,d dead-lettered",
                views.documents(), views.deletes(), views.unchanged(), views.stale(), views.deadLettered()));
        runtime.sinks().forEach((name, sink) -> {
            SinkRunnerMetrics m = sink.metrics();
            parts.add(String.format(Locale.ROOT, "sink %s: %,d written, %,d stale, %,d dead-lettered, %,d retries, %,d batches",
                    name, m.recordsWritten(), m.recordsStale(), m.recordsDeadLettered(), m.retries(), m.batches()));
        });
        return String.join("; ", parts);
    }
}
