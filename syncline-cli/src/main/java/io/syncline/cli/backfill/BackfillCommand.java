package io.syncline.cli.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.cdc.BackfillSignal;
import io.syncline.cdc.CaptureOptions;
import io.syncline.cdc.DebeziumProperties;
import io.syncline.cdc.PostgresConnections;
import io.syncline.cli.ExitCodes;
import io.syncline.cli.PipelineFileOption;
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
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code syncline backfill -c FILE (--table T | --view V)... [--where SQL] [--detach]}: reads
 * tables again while streaming goes on, through Debezium's incremental snapshot: the command puts
 * an {@code execute-snapshot} signal in Syncline's signal table, and the running daemon's capture
 * reads the rows in chunks by primary key, with watermarks so a row changed during its chunk is not
 * overwritten by the older read; every view the rows feed rebuilds its documents. Debezium keeps
 * its place in the offsets, so a stopped or crashed daemon goes on from the last finished chunk. A
 * signal written while the daemon is stopped is carried out when it starts. The command then
 * follows the backfill's notifications until it completes ({@code --detach}: it returns at once).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Reads tables again while streaming goes on (chunked, resumable) and rebuilds their documents.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"  0:the backfill completed (--detach: it was asked for)", "  1:the backfill was aborted",
                ExitCodes.HELP_USAGE, ExitCodes.HELP_NO_INPUT, ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_SOFTWARE,
                ExitCodes.HELP_CONFIG})
public final class BackfillCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET_HINT = Duration.ofSeconds(30);

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--table", paramLabel = "TABLE", description = "A captured table (schema.table); repeatable.")
    List<String> tables = List.of();

    @Option(names = "--view", paramLabel = "VIEW", description = "Every table the view reads; repeatable.")
    List<String> views = List.of();

    @Option(names = "--where", paramLabel = "SQL",
            description = "Only the rows this condition selects (a SQL expression over the table's columns); one table only.")
    String where;

    @Option(names = "--detach", description = "Return once the backfill is asked for; the daemon carries it out.")
    boolean detach;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (tables.isEmpty() && views.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name at least one --table or --view");
        }
        PipelineSpec loaded = pipeline.load();
        BackfillSignal request;
        try {
            request = BackfillRequest.of(loaded, tables, views, where);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineKafka kafka = PipelineKafka.connect(loaded)) {
            String topic = CaptureOptions.notificationsTopic(loaded);
            boolean follow = !detach && kafka.topics().contains(topic);
            long from = follow ? endOffset(kafka, topic) : 0;
            Map<String, Long> estimates = ask(loaded, request);
            out.println("Backfill " + request.id() + " asked for: " + request.tables()
                    + request.where().map(w -> " where " + w).orElse(""));
            if (!follow) {
                out.println(detach ? "The daemon carries it out (now, or when it next starts); its progress is on topic "
                        + topic : "The daemon has not run yet: the backfill starts when it does");
                out.flush();
                return ExitCodes.OK;
            }
            BackfillProgress progress = new BackfillProgress(out, System.console() != null,
                    DebeziumProperties.BACKFILL_CHUNK_ROWS, estimates, System::currentTimeMillis);
            try {
                follow(kafka, topic, from, request.id(), progress, out);
            } finally {
                progress.close();
            }
            return progress.state() == BackfillProgress.State.COMPLETED ? ExitCodes.OK : ExitCodes.DIFFERENT;
        }
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
                    s.setString(1, quoted(table));
                    try (ResultSet rs = s.executeQuery()) {
                        estimates.put(table.toString(), rs.next() ? rs.getLong(1) : -1);
                    }
                }
            }
            request.send(connection, CaptureOptions.signalTable(spec));
            return estimates;
        }
    }

    private static String quoted(TableName table) {
        return "\"" + table.schema().replace("\"", "\"\"") + "\".\"" + table.table().replace("\"", "\"\"") + "\"";
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
