package io.syncline.cli.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.BackfillSignal;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.DebeziumProperties;
import io.syncline.cdc.PostgresConnections;
import io.syncline.cdc.Sql;
import io.syncline.cli.PipelineKafka;
import io.syncline.cli.UnavailableException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.TableName;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks the daemon for a backfill and follows it on the notifications topic: for {@code syncline
 * backfill} and for {@code syncline verify --repair}, which backfills the keys that differ.
 */
public final class Backfills {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET_HINT = Duration.ofSeconds(30);

    /** What became of an asked backfill. */
    public enum Outcome { ASKED, COMPLETED, ABORTED }

    private Backfills() {
    }

    /**
     * Sends {@code request}, and with {@code follow} shows its progress until it completes or is
     * aborted. Returns {@link Outcome#ASKED} without following, or when the daemon never ran (no
     * notifications topic yet: it carries the backfill out when it starts).
     */
    public static Outcome run(PipelineSpec spec, PipelineKafka kafka, BackfillSignal request, boolean follow,
                              PrintWriter out) throws Exception {
        String topic = CaptureOptions.notificationsTopic(spec);
        boolean following = follow && kafka.topics().contains(topic);
        long from = following ? endOffset(kafka, topic) : 0;
        Map<String, Long> estimates = ask(spec, request);
        out.println("Backfill " + request.id() + " asked for: " + request.tables()
                + request.where().map(w -> " where " + abbreviated(w)).orElse(""));
        if (!following) {
            out.println(!follow ? "The daemon carries it out (now, or when it next starts); its progress is on topic "
                    + topic : "The daemon has not run yet: the backfill starts when it does");
            out.flush();
            return Outcome.ASKED;
        }
        BackfillProgress progress = new BackfillProgress(out, System.console() != null,
                DebeziumProperties.BACKFILL_CHUNK_ROWS, estimates, System::currentTimeMillis);
        try {
            follow(kafka, topic, from, request.id(), progress, out);
        } finally {
            progress.close();
        }
        return progress.state() == BackfillProgress.State.COMPLETED ? Outcome.COMPLETED : Outcome.ABORTED;
    }

    /** A long condition (a repair's key list) shortened for the screen. */
    private static String abbreviated(String where) {
        return where.length() <= 200 ? where : where.substring(0, 200) + "... (" + where.length() + " characters)";
    }

    /** Writes the signal and returns PostgreSQL's row estimate per table (for progress), in one transaction's time. */
    private static Map<String, Long> ask(PipelineSpec spec, BackfillSignal request) throws SQLException,
            UnavailableException {
        try (Connection connection = PostgresConnections.open(spec.source().postgres())) {
            // Debezium reads the signal from the slot's stream: written before the slot exists, it is never seen.
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
                s.setString(1, spec.source().slot());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnavailableException("replication slot " + spec.source().slot() + " does not exist yet:"
                                + " start the daemon first (its first start reads every table, unless snapshot is no_data),"
                                + " then ask for the backfill", null);
                    }
                }
            }
            Map<String, Long> estimates = new LinkedHashMap<>();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
                for (TableName table : request.tables()) {
                    s.setString(1, Sql.table(table));
                    try (ResultSet rs = s.executeQuery()) {
                        estimates.put(table.toString(), rs.next() ? rs.getLong(1) : -1);
                    }
                }
            }
            request.send(connection, CaptureOptions.signalTable(spec));
            return estimates;
        }
    }

    private static long endOffset(PipelineKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Reads the notifications topic from {@code from} until this backfill completes or is aborted. */
    private static void follow(PipelineKafka kafka, String topic, long from, String id, BackfillProgress progress,
                               PrintWriter out) throws IOException {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long lastHeard = System.nanoTime();
            while (progress.state() != BackfillProgress.State.COMPLETED
                    && progress.state() != BackfillProgress.State.ABORTED) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode notification = record.value() == null ? null : JSON.readTree(record.value());
                    if (notification != null && id.equals(notification.path("id").asText())) {
                        progress.accept(notification);
                        lastHeard = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastHeard > QUIET_HINT.toNanos()) {
                    out.println("Nothing heard of the backfill for " + QUIET_HINT.toSeconds() + " s: is the daemon"
                            + " running? It carries the backfill out when it runs; Ctrl-C leaves it to the daemon.");
                    out.flush();
                    lastHeard = System.nanoTime();
                }
            }
        }
    }
}
