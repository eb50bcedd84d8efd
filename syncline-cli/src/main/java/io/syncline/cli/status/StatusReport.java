package io.syncline.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terminal table of {@code syncline status}: a headline (ready or not, and why), one row each
 * for the replication slot, capture (then one indented row per captured table), the view stage (then
 * one indented row per view) and every sink (state, up, lag, counts, last error), the reasons of the
 * components that are down, and the versions running.
 */
final class StatusReport {
    static final int ERROR_WIDTH = 72;
    private static final String[] HEADER = {"COMPONENT", "STATE", "UP", "LAG", "COUNTS", "LAST ERROR"};

    private StatusReport() {
    }

    static String render(JsonNode status, URI from) {
        StringBuilder out = new StringBuilder();
        String pipeline = text(status.path("pipeline"), "?");
        boolean ready = status.path("ready").asBoolean(false);
        out.append("pipeline ").append(pipeline).append(": ").append(ready ? "ready" : "NOT READY");
        if (!ready && !status.path("reason").isNull() && !status.path("reason").isMissingNode()) {
            out.append(" (").append(oneLine(status.path("reason").asText(), 200)).append(')');
        }
        out.append('\n').append("  from ").append(from);
        if (status.hasNonNull("time")) {
            out.append(" at ").append(status.path("time").asText());
        }
        out.append("\n\n");

        JsonNode components = status.path("components");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(slot(status.path("slot")));
        rows.add(capture(status.path("capture"), components.path("capture")));
        for (Iterator<Map.Entry<String, JsonNode>> tables = status.path("capture").path("tables").fields(); tables.hasNext(); ) {
            Map.Entry<String, JsonNode> table = tables.next();
            rows.add(table(table.getKey(), table.getValue()));
        }
        rows.add(views(status.path("views"), components.path("views")));
        for (Iterator<Map.Entry<String, JsonNode>> views = status.path("views").path("byView").fields(); views.hasNext(); ) {
            Map.Entry<String, JsonNode> view = views.next();
            rows.add(view(view.getKey(), view.getValue()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> sinks = status.path("sinks").fields(); sinks.hasNext(); ) {
            Map.Entry<String, JsonNode> sink = sinks.next();
            rows.add(sink(sink.getKey(), sink.getValue(), components.path("sink " + sink.getKey())));
        }
        table(out, rows);

        List<String> down = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> component = it.next();
            if (!component.getValue().path("up").asBoolean(false)) {
                down.add("  " + component.getKey() + ": " + text(component.getValue().path("state"), "?") + ", "
                        + oneLine(text(component.getValue().path("reason"), "not up"), 300));
            }
        }
        if (!down.isEmpty()) {
            out.append("\ndown:\n");
            down.forEach(line -> out.append(line).append('\n'));
        }
        JsonNode versions = status.path("versions");
        if (versions.isObject()) {
            out.append("\nsyncline ").append(text(versions.path("syncline"), "?")).append(" (commit ")
                    .append(text(versions.path("commit"), "?")).append("), Debezium ").append(text(versions.path("debezium"), "?"))
                    .append(", Kafka ").append(text(versions.path("kafka"), "?")).append(", Java ")
                    .append(text(versions.path("java"), "?")).append('\n');
        }
        return out.toString();
    }

    private static String[] slot(JsonNode slot) {
        String retained = "retained " + bytes(slot.path("retainedBytes"));
        if (slot.hasNonNull("budgetBytes")) {
            long budget = slot.path("budgetBytes").asLong();
            retained += " of " + bytes(slot.path("budgetBytes")) + " budget";
            if (slot.hasNonNull("retainedBytes") && budget > 0) {
                retained += String.format(Locale.ROOT, " (%.0f%%)", 100.0 * slot.path("retainedBytes").asLong() / budget);
            }
        } else {
            retained += ", no budget";
        }
        if (slot.hasNonNull("walStatus")) {
            retained += ", wal_status " + slot.path("walStatus").asText();
        }
        return new String[] {"slot " + text(slot.path("name"), "?"), text(slot.path("state"), "?"), "-",
            bytes(slot.path("confirmedFlushLagBytes")), retained, ""};
    }

    private static String[] capture(JsonNode capture, JsonNode component) {
        return new String[] {"capture", state(component, capture.path("phase")), up(component),
            capture.hasNonNull("sourceLagMs") ? millis(capture.path("sourceLagMs").asLong()) : "-",
            count(capture.path("records")) + " changes, " + count(capture.path("errors")) + " errors",
            error(capture.path("lastError"))};
    }

    private static String[] views(JsonNode views, JsonNode component) {
        return new String[] {"views", state(component, views.path("state")), up(component), "-",
            count(views.path("recordsIn")) + " in, " + count(views.path("documentsOut")) + " out, "
                    + count(views.path("deadLettered")) + " dead-lettered, " + count(views.path("stale")) + " stale",
            error(views.path("lastError"))};
    }

    /** A captured table under capture: its changes and its snapshot's progress (a percentage only with an estimate). */
    private static String[] table(String name, JsonNode table) {
        JsonNode snapshot = table.path("snapshot");
        String progress = "snapshot " + text(snapshot.path("state"), "?") + ", " + count(snapshot.path("rowsRead")) + " rows read";
        if (snapshot.hasNonNull("rowsEstimate")) {
            long estimate = snapshot.path("rowsEstimate").asLong();
            progress += " of ~" + count(snapshot.path("rowsEstimate"));
            if (estimate > 0) {
                // The estimate is the source's guess (table statistics): a snapshot may read more rows than it.
                progress += String.format(Locale.ROOT, " (%.0f%%)", Math.min(100.0, 100.0 * snapshot.path("rowsRead").asLong() / estimate));
            }
        }
        return new String[] {"  table " + name, "", "", "", count(table.path("changes")) + " changes, " + progress, ""};
    }

    private static String[] view(String name, JsonNode view) {
        return new String[] {"  view " + name, "", "", "", count(view.path("recordsIn")) + " in, " + count(view.path("documentsOut"))
                + " out, " + count(view.path("unchanged")) + " unchanged, " + count(view.path("stale")) + " stale, "
                + count(view.path("deadLettered")) + " dead-lettered", ""};
    }

    private static String[] sink(String name, JsonNode sink, JsonNode component) {
        return new String[] {"sink " + name, state(component, sink.path("state")), up(component),
            sink.hasNonNull("lag") ? count(sink.path("lag")) : "-",
            count(sink.path("written")) + " written, " + count(sink.path("retries")) + " retries, "
                    + count(sink.path("deadLettered")) + " dead-lettered, " + count(sink.path("stale")) + " stale",
            error(sink.path("lastError"))};
    }

    /** Columns padded to their widest cell; the last one is not padded. The first row is the header. */
    static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The readiness state (RETRYING, FAILED...) when the component is known, else the document's own. */
    private static String state(JsonNode component, JsonNode fallback) {
        return component.hasNonNull("state") ? component.path("state").asText() : text(fallback, "?");
    }

    private static String up(JsonNode component) {
        return component.isMissingNode() ? "no" : component.path("up").asBoolean(false) ? "yes" : "no";
    }

    private static String error(JsonNode error) {
        if (!error.hasNonNull("message")) {
            return "";
        }
        String time = error.hasNonNull("time") ? error.path("time").asText() + " " : "";
        return oneLine(time + error.path("message").asText(), ERROR_WIDTH);
    }

    static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static String text(JsonNode node, String otherwise) {
        return node == null || node.isNull() || node.isMissingNode() ? otherwise : node.asText();
    }

    private static String count(JsonNode node) {
        return node.isNumber() ? String.format(Locale.ROOT, "%,d", node.asLong()) : "-";
    }

    static String bytes(JsonNode node) {
        if (!node.isNumber()) {
            return "-";
        }
        double value = node.asLong();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? (long) value + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 7_200_000) {
            return ms / 60_000 + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
    }
}
