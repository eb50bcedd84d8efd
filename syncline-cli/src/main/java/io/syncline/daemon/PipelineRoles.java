package io.syncline.daemon;

import io.syncline.config.ConfigProblem;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a pipeline one process runs ({@code syncline run --role}): the capture, the views,
 * and all or some of the sinks. Several processes with the same pipeline file share the work
 * through Kafka; by default one process runs everything.
 *
 * @param capture  whether this process captures (one process at a time does; the others wait)
 * @param views    whether it runs the view stage (its tasks are shared by every process that does)
 * @param allSinks whether it runs every sink of the file
 * @param sinks    the sinks it runs by name, when not all
 */
public record PipelineRoles(boolean capture, boolean views, boolean allSinks, Set<String> sinks) {
    public static final String CAPTURE = "capture";
    public static final String VIEWS = "views";
    public static final String SINK = "sink";

    public PipelineRoles {
        sinks = Set.copyOf(sinks);
    }

    /** Everything in this process: what {@code syncline run} does without {@code --role}. */
    public static PipelineRoles all() {
        return new PipelineRoles(true, true, true, Set.of());
    }

    /**
     * The roles {@code values} name: {@code capture}, {@code views}, {@code sink} (every sink) or
     * {@code sink:NAME}; none is all of them.
     *
     * @throws IllegalArgumentException for a value that is none of these
     */
    public static PipelineRoles parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return all();
        }
        boolean capture = false;
        boolean views = false;
        boolean allSinks = false;
        Set<String> sinks = new LinkedHashSet<>();
        for (String value : values) {
            String role = value.trim();
            if (role.equals(CAPTURE)) {
                capture = true;
            } else if (role.equals(VIEWS)) {
                views = true;
            } else if (role.equals(SINK)) {
                allSinks = true;
            } else if (role.startsWith(SINK + ":") && role.length() > SINK.length() + 1) {
                sinks.add(role.substring(SINK.length() + 1));
            } else {
                throw new IllegalArgumentException("unknown role '" + value + "': expected " + CAPTURE + ", " + VIEWS
                        + ", " + SINK + " or " + SINK + ":NAME");
            }
        }
        return new PipelineRoles(capture, views, allSinks, allSinks ? Set.of() : sinks);
    }

    /** Whether this process runs every part of the pipeline. */
    public boolean everything() {
        return capture && views && allSinks;
    }

    public boolean runsSink(String name) {
        return allSinks || sinks.contains(name);
    }

    /**
     * What makes these roles impossible with this pipeline file: a sink it does not define, and a
     * pipeline split across processes on the embedded broker, which only this process could reach.
     */
    public List<ConfigProblem> problems(PipelineSpec spec, String file) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> defined = new LinkedHashSet<>(spec.sinks().stream().map(SinkSpec::name).toList());
        for (String sink : sinks) {
            if (!defined.contains(sink)) {
                problems.add(new ConfigProblem(file, 0, 0, "sinks", "--role " + SINK + ":" + sink
                        + " names no sink of this file (its sinks: " + String.join(", ", defined) + ")"));
            }
        }
        if (!everything() && spec.kafka().embedded()) {
            problems.add(new ConfigProblem(file, 0, 0, "kafka.bootstrapServers", "--role runs part of the pipeline in this"
                    + " process and the rest in others, which need a Kafka they all reach: set kafka.bootstrapServers (the"
                    + " embedded broker is for a pipeline in one process)"));
        }
        return problems;
    }

    /** "capture, views, sink:search", for logs and the status page. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (capture) {
            parts.add(CAPTURE);
        }
        if (views) {
            parts.add(VIEWS);
        }
        if (allSinks) {
            parts.add(SINK);
        }
        sinks.stream().sorted().forEach(s -> parts.add(SINK + ":" + s));
        return String.join(", ", parts);
    }
}
