package io.syncline.cli.verify;

import io.syncline.cli.PipelineKafka;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.daemon.PipelineRuntime;
import io.syncline.processors.plan.RowSource;
import io.syncline.processors.plan.ViewPlan;
import io.syncline.view.ViewSchema;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep checks of views in their sinks, each optionally repaired and checked again: for
 * {@code verify --deep [--repair]} and for {@code reset --view}, which ends with one.
 */
public final class ViewVerification implements AutoCloseable {
    private final PipelineSpec spec;
    private final PipelineKafka kafka;
    private final DeepVerify verify;
    private final KeyRepair repairs;
    private final Duration wait;
    private final int show;
    private final PrintWriter out;

    private ViewVerification(PipelineSpec spec, PipelineKafka kafka, Map<String, Object> kafkaProperties,
                             List<ViewPlan> plans, Map<String, ViewSchema> schemas, Duration wait, int show,
                             PrintWriter out) {
        this.spec = spec;
        this.kafka = kafka;
        Map<String, RowSource> roots = new LinkedHashMap<>();
        plans.forEach(p -> roots.put(p.view(), p.root()));
        this.verify = new DeepVerify(spec, kafka, kafkaProperties, schemas, wait, out);
        this.repairs = new KeyRepair(spec, kafka, schemas, roots, this, out);
        this.wait = wait;
        this.show = show;
        this.out = out;
    }

    /** Connects to the pipeline's Kafka; an unreachable Kafka is reported as such ({@link io.syncline.cli.UnavailableException}). */
    public static ViewVerification open(PipelineSpec spec, List<ViewPlan> plans, Map<String, ViewSchema> schemas,
                                        Duration wait, int show, PrintWriter out) throws Exception {
        PipelineKafka kafka = PipelineKafka.connect(spec);
        try {
            kafka.topics();
            Map<String, Object> properties = PipelineKafka.clientProperties(spec, PipelineKafka.bootstrapServers(spec));
            return new ViewVerification(spec, kafka, properties, plans, schemas, wait, show, out);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * Checks each view in the sinks given for it; with {@code repair}, repairs what differs and
     * checks that view again. Returns verify's exit code: 0 equal, 1 different, 75 not checked.
     */
    public int run(Map<String, List<SinkSpec>> routes, boolean repair) throws Exception {
        List<ViewCheck> all = new ArrayList<>();
        for (Map.Entry<String, List<SinkSpec>> route : routes.entrySet()) {
            List<ViewCheck> checks = verify.check(route.getKey(), route.getValue());
            DeepReport.print(checks, show, out);
            if (repair && checks.stream().anyMatch(c -> !c.differences().isEmpty())
                    && repairs.repair(route.getKey(), checks)) {
                out.printf("view %s: repaired; checking again%n", route.getKey());
                checks = verify.check(route.getKey(), route.getValue());
                DeepReport.print(checks, show, out);
            }
            all.addAll(checks);
        }
        return DeepReport.exitCode(all);
    }

    /**
     * Waits until the view stage has read everything that is in its topics now (a finished
     * backfill's rows, and what its joins pass on through internal topics), up to the wait; says
     * so when it has not.
     */
    public void awaitViewStage() throws Exception {
        long behind = GroupCatchUp.awaitEverything(kafka, PipelineRuntime.viewStageGroup(spec), 20, wait);
        if (behind > 0) {
            out.printf("the view stage is still %d records behind after waiting %d s: the check may find documents it has"
                    + " not sent yet%n", behind, wait.toSeconds());
            out.flush();
        }
    }

    /** The pipeline's Kafka, for a command that works with it before or after the checks. */
    public PipelineKafka kafka() {
        return kafka;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
