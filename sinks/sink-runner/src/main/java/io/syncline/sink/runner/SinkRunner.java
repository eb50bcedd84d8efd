package io.syncline.sink.runner;

import io.syncline.sink.Disposition;
import io.syncline.sink.SinkWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one sink from its view topics: prepares one writer per lane, then consumes, batches,
 * writes, dead-letters rejects and commits the highest contiguous acknowledged offsets, on its own
 * thread, until {@link #close()} or a failure. Delivery is at least once; the writers' version
 * guard makes it converge to the source's state.
 */
public final class SinkRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);
    /** How long a lane interrupted after the shutdown timeout gets to let go of its writer. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Where {@link SinkRunnerMetrics#retryingOn()} keeps a transient failure of preparing the writers. */
    private static final String PREPARING_LANE = "prepare";
    /**
     * How long the first lane may have nothing to write before it asks the store whether it answers
     * ({@link SinkWriter#checkReachable()}), and again as long as it stays idle: an idle sink whose
     * store went away is not ready within about this long (plus the client's timeout).
     */
    public static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(10);

    private final SinkRunnerOptions options;
    private final Supplier<SinkWriter> writers;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final SinkRunnerMetrics metrics = new SinkRunnerMetrics();
    private final FirstFailure failure;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread thread;
    private final Object lock = new Object();
    private volatile SinkRunnerState state = SinkRunnerState.NEW;
    private volatile boolean stopRequested;
    private volatile KafkaClientObserver clientObserver = KafkaClientObserver.NONE;

    /** {@code writers} makes one writer per lane ({@code batching.maxInFlight} of them). */
    public SinkRunner(SinkRunnerOptions options, Supplier<SinkWriter> writers) {
        this(options, writers, Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * With the sleeper that waits out backoffs and the jitter's random source (values in
     * {@code [0, 1)}) chosen, e.g. so tests do not sleep.
     */
    public SinkRunner(SinkRunnerOptions options, Supplier<SinkWriter> writers, Sleeper sleeper, DoubleSupplier jitter) {
        this.options = options;
        this.writers = writers;
        this.backoff = new Backoff(options.retry(), jitter);
        this.sleeper = sleeper;
        this.failure = new FirstFailure(options.sinkName());
        this.thread = new Thread(this::run, "syncline-sink-" + options.sinkName());
    }

    public void start() {
        synchronized (lock) {
            if (state != SinkRunnerState.NEW) {
                throw new IllegalStateException("sink runner " + options.sinkName() + " was already started");
            }
            state = SinkRunnerState.PREPARING;
            thread.start();
        }
    }

    /** Stops polling, finishes the batches in flight (up to the shutdown timeout), commits, closes writers and clients. */
    @Override
    public void close() {
        synchronized (lock) {
            stopRequested = true;
            if (state == SinkRunnerState.NEW) {
                state = SinkRunnerState.STOPPED;
                terminated.countDown();
                return;
            }
            if (state == SinkRunnerState.PREPARING) {
                // Only a backoff between prepare attempts (or a slow prepare) is interrupted, never the consumer.
                thread.interrupt();
            }
        }
        if (Thread.currentThread() != thread) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the runner has stopped (after {@link #close()} or a failure); true when it has. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why the runner stopped, if it stopped on a failure. */
    public Optional<Throwable> failure() {
        return failure.get();
    }

    public SinkRunnerState state() {
        return state;
    }

    public SinkRunnerMetrics metrics() {
        return metrics;
    }

    public SinkRunnerOptions options() {
        return options;
    }

    /** Sets who is told of the Kafka clients the runner opens (e.g. to bind their metrics); before {@link #start()}. */
    public void observeClients(KafkaClientObserver observer) {
        this.clientObserver = observer == null ? KafkaClientObserver.NONE : observer;
    }

    private void run() {
        List<SinkWriter> laneWriters = new ArrayList<>();
        try {
            for (int i = 0; i < options.batching().maxInFlight(); i++) {
                laneWriters.add(writers.get());
            }
            boolean prepared = prepare(laneWriters);
            metrics.recovered(PREPARING_LANE);
            if (prepared && enterRunning()) {
                consume(laneWriters);
            }
        } catch (InterruptedException e) {
            if (!stopRequested) {
                failure.fail(new SinkRunnerException("sink " + options.sinkName() + ": interrupted", e));
            }
        } catch (Throwable e) {
            failure.fail(new SinkRunnerException("sink " + options.sinkName() + ": " + e, e));
        } finally {
            state = SinkRunnerState.STOPPING;
            Thread.interrupted();
            closeWriters(laneWriters);
            failure.get().ifPresent(metrics::failed);
            state = SinkRunnerState.STOPPED;
            LOG.info("sink {}: stopped{}; {} written, {} stale, {} dead-lettered, {} retries", options.sinkName(),
                    failure.failed() ? " on a failure" : "", metrics.recordsWritten(), metrics.recordsStale(),
                    metrics.recordsDeadLettered(), metrics.retries());
            terminated.countDown();
        }
    }

    /** Prepares every writer, retrying transient failures; false when stopped or failed meanwhile. */
    private boolean prepare(List<SinkWriter> laneWriters) throws InterruptedException {
        for (int lane = 0; lane < laneWriters.size(); lane++) {
            SinkWriter writer = laneWriters.get(lane);
            for (int failedAttempts = 0; ; ) {
                if (stopRequested) {
                    return false;
                }
                try {
                    writer.prepare();
                    break;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    if (stopRequested) {
                        return false;
                    }
                    failedAttempts++;
                    if (!retryPrepare(writer, lane, failedAttempts, e)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private boolean retryPrepare(SinkWriter writer, int lane, int failedAttempts, Exception error) throws InterruptedException {
        Disposition disposition;
        try {
            disposition = writer.classify(error);
        } catch (RuntimeException e) {
            error.addSuppressed(e);
            disposition = Disposition.FAIL;
        }
        String what = "sink " + options.sinkName() + ": preparing the writer of lane " + lane;
        if (disposition != Disposition.RETRY) {
            failure.fail(new SinkRunnerException(what + " failed", error));
            return false;
        }
        // maxTime bounds a batch's retries; preparing is bounded by attempts only (and by a stop).
        if (!options.retry().allowsAnotherAttempt(failedAttempts)) {
            failure.fail(new SinkRunnerException(what + " gave up after " + failedAttempts + " attempts", error));
            return false;
        }
        metrics.retried();
        metrics.failingTransiently(PREPARING_LANE, error);
        Duration delay = backoff.delay(failedAttempts - 1);
        LOG.warn("{} failed transiently ({}); retry {} in {} ms", what, error.toString(), failedAttempts, delay.toMillis());
        sleeper.sleep(delay);
        return true;
    }

    private boolean enterRunning() {
        synchronized (lock) {
            if (stopRequested) {
                return false;
            }
            Thread.interrupted();
            state = SinkRunnerState.RUNNING;
            return true;
        }
    }

    private void consume(List<SinkWriter> laneWriters) throws InterruptedException {
        ViewDecoder decoder = new ViewDecoder(options.views());
        Acknowledgements acks = new Acknowledgements();
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumerProperties(options));
        Producer<byte[], byte[]> producer = KafkaClients.deadLetterProducer(options);
        List<AutoCloseable> observed = List.of(clientObserver.consumerOpened(consumer), clientObserver.producerOpened(producer));
        try (DeadLetterProducer deadLetters = new DeadLetterProducer(producer, options.deadLetterTopic(), options.sinkName())) {
            List<Lane> lanes = new ArrayList<>();
            for (int i = 0; i < laneWriters.size(); i++) {
                String name = "syncline-sink-" + options.sinkName() + "-lane-" + i;
                BatchWriter batchWriter = new BatchWriter(name, laneWriters.get(i), deadLetters, acks, metrics,
                        failure, backoff, options.errors(), sleeper);
                // One lane checks an idle store: its writer is as good as any, and one ping is enough.
                lanes.add(new Lane(name, batchWriter, failure, options.batching().maxRecords(),
                        options.batching().maxBytes(), options.batching().linger(), i == 0 ? IDLE_CHECK_INTERVAL : Duration.ZERO));
            }
            TombstoneWindow tombstones = new TombstoneWindow(options.sinkName(),
                    TopicDeleteRetention.read(options, decoder.topics()), metrics);
            ConsumerLoop loop = new ConsumerLoop(options.sinkName(), consumer, decoder, lanes, deadLetters, acks,
                    metrics, failure, options.batching().maxRecords(), options.batching().maxBytes(),
                    options.shutdownTimeout(), tombstones);
            LOG.info("sink {}: consuming {} as group {} with {} lanes", options.sinkName(), decoder.topics(),
                    options.consumerGroup(), lanes.size());
            lanes.forEach(Lane::start);
            try {
                loop.run(() -> stopRequested);
            } catch (RuntimeException e) {
                failure.fail(new SinkRunnerException("sink " + options.sinkName() + ": consuming failed", e));
            } finally {
                state = SinkRunnerState.STOPPING;
                stopLanes(lanes);
                // Dead letters of undecodable records are acknowledged from the producer's callbacks.
                deadLetters.flush();
                loop.finish();
            }
        } finally {
            closeQuietly(observed);
            consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        }
    }

    private void closeQuietly(List<AutoCloseable> handles) {
        for (AutoCloseable handle : handles) {
            try {
                handle.close();
            } catch (Exception e) {
                LOG.warn("sink {}: releasing a Kafka client's observer failed: {}", options.sinkName(), e.toString());
            }
        }
    }

    /** On a graceful stop lanes write what is waiting; on a failure they stop after the batch in flight. */
    private void stopLanes(List<Lane> lanes) throws InterruptedException {
        boolean graceful = !failure.failed();
        for (Lane lane : lanes) {
            if (graceful) {
                lane.drainAndStop();
            } else {
                lane.stop();
            }
        }
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        for (Lane lane : lanes) {
            if (!lane.awaitExit(deadline)) {
                LOG.warn("sink {}: a lane is still writing after the shutdown timeout ({}); interrupting it, "
                        + "its batch will be read again", options.sinkName(), options.shutdownTimeout());
                lane.interrupt();
            }
        }
        long graceDeadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
        for (Lane lane : lanes) {
            if (!lane.awaitExit(graceDeadline)) {
                LOG.warn("sink {}: a lane ignored its interruption; closing its writer under it", options.sinkName());
            }
        }
    }

    private void closeWriters(List<SinkWriter> laneWriters) {
        for (SinkWriter writer : laneWriters) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                LOG.warn("sink {}: closing a writer failed", options.sinkName(), e);
            }
        }
    }
}
