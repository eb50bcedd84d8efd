package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.config.PipelineSpec;
import io.syncline.daemon.PipelineRoles;
import io.syncline.daemon.PipelineRuntime;
import io.syncline.view.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * J1 again with each stage alone, as S measures the spine's: a fresh pipeline on the same shop data
 * runs the capture alone ({@code --role capture}) until Kafka acknowledged every row, timed from its
 * start, then the view stage alone ({@code --role views}) over that backlog, timed from the first
 * change it read to its last document, with no sink and no store competing for the cores (J4). The
 * ratio of the two is goal 2 for joined views measured as S measures it for per-table views. Then the
 * raw baseline {@link JoinProcessorFloor} builds the same documents from the same backlog, timed the
 * same way (J5).
 *
 * <p>With no sink to show the final state, the views are done when their documents counter stood
 * still and their view topics, read to the end as a sink reads them, hold every order with its
 * customer and every item with its product, and every fact with its order's and product's fields:
 * J1's completeness, checked on the topics instead of the stores.
 */
final class JoinedStagesAlone {
    private static final Duration COUNTER_POLL = Duration.ofMillis(20);
    /** Between two reads of the view topics while the views are not done. */
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** How long the views may stand still with documents that are not final before they count as wrong. */
    static final Duration STUCK = Duration.ofSeconds(30);

    private final BenchmarkOptions options;
    private final Endpoints endpoints;
    private final ShopDatabase shop;
    private final CpuSampler cpu;
    private final Path workDir;

    JoinedStagesAlone(BenchmarkOptions options, Endpoints endpoints, ShopDatabase shop, CpuSampler cpu, Path workDir) {
        this.options = options;
        this.endpoints = endpoints;
        this.shop = shop;
        this.cpu = cpu;
        this.workDir = workDir;
    }

    /** J1's targets for {@code phase}: the change phases leave the data's counts as they were. */
    static PhasePlan plan(JoinPhase phase, PhasePlan snapshot) {
        return new PhasePlan(phase, null, snapshot.capture(), snapshot.orders(), snapshot.facts());
    }

    /** J4 and J5. */
    List<JoinsRoundResult.Phase> run(String tag, PhasePlan snapshot) throws Exception {
        return run(tag, snapshot, true);
    }

    /** J4 alone, as {@code --joins-soak} runs it round after round. */
    JoinsRoundResult.Phase viewsAlone(String tag, PhasePlan snapshot) throws Exception {
        return run(tag, snapshot, false).get(0);
    }

    private List<JoinsRoundResult.Phase> run(String tag, PhasePlan snapshot, boolean withFloor) throws Exception {
        PhasePlan plan = plan(JoinPhase.SNAPSHOT_ALONE, snapshot);
        BenchPipeline pipeline = BenchPipeline.shop("bench_js_" + tag, endpoints, shop.db().endpoint(),
                workDir.resolve("js_" + tag));
        PipelineSpec spec = pipeline.spec();
        String prefix = spec.kafka().topicPrefix();
        Map<JoinStage, Measurement> measured = new EnumMap<>(JoinStage.class);
        try {
            CpuSampler.Totals cpuBefore = cpu.totals();
            long start = System.nanoTime();
            try (PipelineRuntime capture = PipelineRuntime.start(spec, PipelineRoles.parse(List.of(PipelineRoles.CAPTURE)))) {
                measured.put(JoinStage.CAPTURE, plan.capture().reported(new Convergence(options.timeout(), capture::failure)
                        .await(start, List.of(new Convergence.Probe(JoinStage.CAPTURE.name(), plan.capture().units(),
                                () -> capture.capture().status().recordsSent(), COUNTER_POLL)))
                        .get(JoinStage.CAPTURE.name())));
            }
            JoinsRoundResult.Phase alone;
            long viewsStart = System.nanoTime();
            try (PipelineRuntime views = PipelineRuntime.start(spec, PipelineRoles.parse(List.of(PipelineRoles.VIEWS)));
                 CounterTrace changesRead = new CounterTrace(views.views().metrics()::changesIn, 0);
                 CounterTrace documents = new CounterTrace(JoinedViewsRound.documents(views), 0)) {
                ViewStageWrites writes = ViewStageWrites.of(views, spec);
                alone = measure(plan, measured, viewsStart, changesRead, documents,
                        Topics.viewTopic(prefix, ShopExample.ORDERS), Topics.viewTopic(prefix, ShopExample.ORDER_ITEMS),
                        writes, cpuBefore);
            }
            return withFloor ? List.of(alone, floor(tag, snapshot, prefix, measured.get(JoinStage.CAPTURE))) : List.of(alone);
        } finally {
            shop.db().dropReplication(spec.source().slot(), spec.source().publication());
        }
    }

    /** J5: the raw baseline over the backlog the capture alone wrote. */
    private JoinsRoundResult.Phase floor(String tag, PhasePlan snapshot, String prefix, Measurement capture)
            throws Exception {
        PhasePlan plan = plan(JoinPhase.JOIN_PROCESSOR_FLOOR, snapshot);
        String applicationId = "bench_js_" + tag + ".views-floor";
        String orders = applicationId + ".orders";
        String facts = applicationId + ".facts";
        String bootstrap = endpoints.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(orders, BenchPipeline.PARTITIONS, (short) 1),
                    new NewTopic(facts, BenchPipeline.PARTITIONS, (short) 1))).all().get();
        }
        Map<JoinStage, Measurement> measured = new EnumMap<>(JoinStage.class);
        measured.put(JoinStage.CAPTURE, capture);
        CpuSampler.Totals cpuBefore = cpu.totals();
        long start = System.nanoTime();
        try (JoinProcessorFloor floor = new JoinProcessorFloor(bootstrap, applicationId, workDir.resolve("jf_" + tag),
                prefix, orders, facts);
             CounterTrace changesRead = new CounterTrace(floor::changesRead, 0);
             CounterTrace documents = new CounterTrace(floor::documents, 0)) {
            floor.start();
            return measure(plan, measured, start, changesRead, documents, orders, facts,
                    new ViewStageWrites(floor::metrics, applicationId, prefix), cpuBefore);
        }
    }

    /**
     * Waits for the documents counter to settle with the final documents on the two topics; the views'
     * time from the first change they read to their last document.
     */
    private JoinsRoundResult.Phase measure(PhasePlan plan, Map<JoinStage, Measurement> measured, long startNanos,
                                           CounterTrace changesRead, CounterTrace documents, String ordersTopic,
                                           String factsTopic, ViewStageWrites writes, CpuSampler.Totals cpuBefore)
            throws Exception {
        Outcome outcome = awaitFinalDocuments(plan, documents, startNanos, ordersTopic, factsTopic);
        CounterTrace.Settled settled = outcome.settled();
        // From the first change read to the last document, as S times the per-table views from their
        // first record: the start (consumer group, internal topics, rebalances) is a fixed cost,
        // measured in J1. Not from the first document: a joined document comes out only once its
        // rows have crossed the joins, and the work before that counts.
        double firstRead = changesRead.settled(startNanos, Duration.ZERO, startNanos).firstStepSeconds();
        Measurement last = settled.measurement();
        measured.put(JoinStage.VIEWS, new Measurement(last.count(), Math.max(0, last.seconds() - firstRead),
                last.complete()));
        SortedMap<String, Long> viewWrites = ViewStageWrites.between(Map.of(), writes.sent());
        CpuCost cost = CpuCost.between(cpuBefore, cpu.totals(), plan.capture().reported());
        return new JoinsRoundResult.Phase(plan, measured, settled.firstStepSeconds() - firstRead, cost, viewWrites,
                outcome.wrongDocuments());
    }

    /** How the wait ended: the counter's steps, and what was wrong if the views stood still short of the final state. */
    private record Outcome(CounterTrace.Settled settled, String wrongDocuments) {
    }

    /**
     * Waits for the counter to settle with the final documents on the two topics, or for the timeout; when
     * the counter stood still for {@link #STUCK} with documents that are not final, the views built wrong
     * documents (nothing is left for them to read), and that is the outcome.
     */
    private Outcome awaitFinalDocuments(PhasePlan plan, CounterTrace documents, long startNanos, String ordersTopic,
                                        String factsTopic) throws Exception {
        long deadline = startNanos + options.timeout().toNanos();
        String bootstrap = endpoints.kafka().bootstrapServers();
        while (true) {
            CounterTrace.Settled settled = documents.settled(startNanos, JoinedViewsRound.QUIET, deadline);
            if (!settled.measurement().complete() || System.nanoTime() >= deadline) {
                return new Outcome(settled, null);
            }
            if (settled.measurement().count() == 0) { // still starting
                Thread.sleep(RECHECK.toMillis());
                continue;
            }
            long orders = orderUnits(ViewTopicDocuments.read(bootstrap, ordersTopic));
            long facts = factUnits(ViewTopicDocuments.read(bootstrap, factsTopic));
            if (orders == plan.orders().units() && facts == plan.facts().units()) {
                return new Outcome(settled, null);
            }
            String missing = String.format(Locale.ROOT, "orders %,d of %,d units (one per order with its customer, one "
                    + "per embedded item with its product), facts %,d of %,d", orders, plan.orders().units(), facts,
                    plan.facts().units());
            if (documents.stillFor().compareTo(STUCK) >= 0) {
                return new Outcome(documents.settled(startNanos, Duration.ZERO, deadline), "the views stood still for "
                        + STUCK.toSeconds() + " s with documents that are not the source's: " + missing);
            }
            System.err.printf("[bench] %s: quiet, but the documents are not final yet (%s)%n", plan.phase().label(),
                    missing);
            Thread.sleep(RECHECK.toMillis());
        }
    }

    /** As J1 counts them in the stores: one per order with its customer, one per embedded item with its product. */
    static long orderUnits(Map<String, JsonNode> orders) {
        long units = 0;
        for (JsonNode order : orders.values()) {
            if (present(order.path("customer").path("id"))) {
                units++;
            }
            for (JsonNode item : order.path("items")) {
                if (present(item.path("product").path("sku"))) {
                    units++;
                }
            }
        }
        return units;
    }

    /** Facts with their order's and their product's fields. */
    static long factUnits(Map<String, JsonNode> facts) {
        return facts.values().stream()
                .filter(fact -> present(fact.path("order_status")) && present(fact.path("product_sku")))
                .count();
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull();
    }
}
