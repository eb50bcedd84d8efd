package io.syncline.daemon;

import io.syncline.cdc.CaptureEngine;
import io.syncline.cdc.CaptureLeadership;
import io.syncline.cdc.CapturePhase;
import io.syncline.processors.SourceSchemaChangedException;
import io.syncline.processors.ViewStreams;
import io.syncline.sink.runner.SinkRunner;
import io.syncline.sink.runner.SinkRunnerMetrics;
import io.syncline.sink.runner.SinkRunnerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether the pipeline is ready (/health/ready): capture, the view stage and every sink runner
 * running and not failed, no sink retrying against an unreachable store, no idle sink whose store
 * does not answer its periodic check. Each component's state
 * and, when it is not up, the reason.
 */
public final class PipelineHealth {

    /** One component: {@code capture}, {@code views} or {@code sink NAME}. */
    public record Component(String name, String state, boolean up, String reason) {
    }

    /** Every component, and whether all are up (and the pipeline did not stop on a failure). */
    public record Readiness(boolean ready, String reason, List<Component> components) {
        public Readiness {
            components = List.copyOf(components);
        }
    }

    private PipelineHealth() {
    }

    /** The readiness of a running (or starting, or stopping) pipeline. */
    public static Readiness of(PipelineRuntime runtime) {
        List<Component> components = new ArrayList<>();
        if (runtime.roles().capture()) {
            components.add(capture(runtime));
        }
        ViewStreams views = runtime.views();
        if (runtime.roles().views()) {
            components.add(views == null ? new Component("views", "NOT_STARTED", false, "starting")
                    : views(views.state(), views.failure()));
        }
        for (Map.Entry<String, SinkRunner> sink : Map.copyOf(runtime.sinks()).entrySet()) {
            SinkRunner runner = sink.getValue();
            components.add(sink(sink.getKey(), runner.state(), runner.failure(), runner.metrics().retryingOn(),
                    runner.metrics().unreachable()));
        }
        for (String expected : runtime.sinkNames()) {
            if (!runtime.sinks().containsKey(expected)) {
                components.add(new Component("sink " + expected, "NOT_STARTED", false, "starting"));
            }
        }
        return readiness(components, runtime.failure());
    }

    static Readiness readiness(List<Component> components, Optional<String> stoppedWith) {
        List<Component> sorted = new ArrayList<>(components);
        sorted.sort((a, b) -> order(a.name()) != order(b.name()) ? Integer.compare(order(a.name()), order(b.name()))
                : a.name().compareTo(b.name()));
        Optional<Component> down = sorted.stream().filter(c -> !c.up()).findFirst();
        boolean ready = stoppedWith.isEmpty() && down.isEmpty();
        String reason = stoppedWith.orElseGet(() -> down.map(c -> c.name() + ": " + c.reason()).orElse(null));
        return new Readiness(ready, reason, sorted);
    }

    private static int order(String name) {
        return name.equals("capture") ? 0 : name.equals("views") ? 1 : 2;
    }

    /** The capture this process runs, or where it is without one: standing by (healthy), taking over, starting. */
    private static Component capture(PipelineRuntime runtime) {
        Optional<CaptureLeadership> leadership = runtime.captureLeadership();
        CaptureLeadership.State state = leadership.map(CaptureLeadership::state).orElse(null);
        CaptureEngine capture = runtime.capture();
        if (capture != null && state != CaptureLeadership.State.STANDBY) {
            return capture(capture.status().phase(), capture.isRunning(), capture.failure());
        }
        return withoutCapture(state, leadership.flatMap(CaptureLeadership::standbyReason),
                leadership.flatMap(CaptureLeadership::failure));
    }

    /**
     * Capture while this process runs none: a standby is up (another process captures, and this one
     * takes over when that one goes), as is one taking over; {@code state} null: not started yet.
     */
    static Component withoutCapture(CaptureLeadership.State state, Optional<String> standbyReason,
                                     Optional<Throwable> failure) {
        if (state == null) {
            return new Component("capture", "NOT_STARTED", false, "starting");
        }
        return switch (state) {
            case STANDBY -> new Component("capture", state.name(), true, "standing by: " + standbyReason.orElse(
                    "another process holds the capture lock"));
            case TAKING_OVER -> new Component("capture", state.name(), true,
                    "took the capture lock; capture starts once the slot is free");
            case FAILED -> new Component("capture", CapturePhase.FAILED.name(), false, "failed: "
                    + failure.map(Throwable::toString).orElse("starting capture after taking over failed"));
            case LEADING -> new Component("capture", CapturePhase.STOPPED.name(), false, "stopped");
        };
    }

    static Component capture(CapturePhase phase, boolean running, Optional<Throwable> failure) {
        if (failure.isPresent()) {
            return new Component("capture", CapturePhase.FAILED.name(), false, "failed: " + failure.get());
        }
        if (!running) {
            return new Component("capture", phase.name(), false, "stopped");
        }
        return switch (phase) {
            case STARTING, SNAPSHOT, STREAMING -> new Component("capture", phase.name(), true, null);
            default -> new Component("capture", phase.name(), false, "not running");
        };
    }

    static Component views(KafkaStreams.State state, Throwable failure) {
        if (failure != null) {
            boolean replanning = SourceSchemaChangedException.in(failure).isPresent();
            return new Component("views", replanning ? "REPLANNING" : "FAILED", false, replanning
                    ? "restarting after a source schema change: " + SourceSchemaChangedException.in(failure).get().getMessage()
                    : "failed: " + failure);
        }
        return state.isRunningOrRebalancing() ? new Component("views", state.name(), true, null)
                : new Component("views", state.name(), false, "not running");
    }

    /** {@code unreachable}: the idle check's error while the store does not answer. */
    static Component sink(String name, SinkRunnerState state, Optional<Throwable> failure,
                          Optional<SinkRunnerMetrics.LastError> retryingOn, Optional<SinkRunnerMetrics.LastError> unreachable) {
        String component = "sink " + name;
        if (failure.isPresent()) {
            return new Component(component, "FAILED", false, "failed: " + failure.get());
        }
        if (retryingOn.isPresent()) {
            return new Component(component, state == SinkRunnerState.RUNNING ? "RETRYING" : state.name(), false,
                    "retrying; last error at " + retryingOn.get().at() + ": " + retryingOn.get().message());
        }
        if (unreachable.isPresent() && state == SinkRunnerState.RUNNING) {
            return new Component(component, "UNREACHABLE", false, "idle, and its store does not answer since "
                    + unreachable.get().at() + ": " + unreachable.get().message());
        }
        return state == SinkRunnerState.RUNNING ? new Component(component, state.name(), true, null)
                : new Component(component, state.name(), false, state == SinkRunnerState.PREPARING ? "preparing its writers"
                : "not running");
    }
}
