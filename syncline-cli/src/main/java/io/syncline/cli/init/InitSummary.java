package io.syncline.cli.init;

import java.io.PrintWriter;
import java.util.List;

/** What {@code syncline init} tells the user once the file is written: what it holds, and what to do next. */
final class InitSummary {
    private InitSummary() {
    }

    static void print(PrintWriter report, String where, TableSelection tables, List<PipelineTemplate.Sink> sinks,
            List<String> warnings) {
        List<PipelineTemplate.View> views = tables.views();
        int excluded = tables.excluded().size();
        report.printf("Wrote %s: %d %s captured, one view each%s; %d skipped%s.%n", where, views.size(),
                views.size() == 1 ? "table" : "tables",
                sinks.isEmpty() ? ", no sinks (examples in the file)"
                        : ", routed to " + String.join(", ", sinks.stream().map(PipelineTemplate.Sink::name).toList()),
                tables.skipped().size(), excluded == 0 ? ""
                        : "; " + excluded + (excluded == 1 ? " column" : " columns") + " left out of capture");
        for (PipelineTemplate.Skipped s : tables.skipped()) {
            report.println("  skipped " + YamlText.comment(PipelineTemplate.display(s.table()) + ": " + s.reason()));
        }
        for (PipelineTemplate.Excluded e : tables.excluded()) {
            report.println("  left out column " + YamlText.comment(PipelineTemplate.display(e.table()) + "."
                    + PipelineTemplate.identifier(e.column()) + " (" + e.type() + "): " + e.why()
                    + " (source.excludeColumns)"));
        }
        for (String warning : warnings) {
            report.println("Note: " + warning);
        }
        String file = where.equals("standard output") ? "FILE" : where;
        if (!where.equals("standard output")) {
            report.println("Editors: " + PipelineFileWriter.SCHEMA_FILE + " beside it is the JSON Schema its first line names.");
        }
        report.println("It passes `syncline validate --source`. Next: review it, then `syncline run -c " + file + "`.");
    }
}
