package io.syncline.cli.verify;

import io.syncline.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;

/** What {@code verify --deep} prints per view and sink, and the exit code of all its checks. */
final class DeepReport {
    private DeepReport() {
    }

    static void print(List<ViewCheck> checks, int show, PrintWriter out) {
        for (ViewCheck check : checks) {
            String where = "view " + check.view() + " in sink " + check.sink() + " (" + check.target() + ")";
            if (!check.checked()) {
                out.printf("%s: NOT CHECKED: %s%n", where, check.notChecked());
                continue;
            }
            String meanwhile = check.changedMeanwhile() == 0 ? ""
                    : "; " + check.changedMeanwhile() + " changed while checking, not compared";
            if (check.equal()) {
                out.printf("%s: equal, %d documents%s%n", where, check.expected(), meanwhile);
                continue;
            }
            out.printf("%s: DIFFERENT: %d missing, %d extra, %d different (%d documents in the view, %d in the sink)%s%n",
                    where, check.of(Difference.Kind.MISSING).size(), check.of(Difference.Kind.EXTRA).size(),
                    check.of(Difference.Kind.DIFFERENT).size(), check.expected(), check.scanned(), meanwhile);
            for (Difference.Kind kind : Difference.Kind.values()) {
                List<Difference> listed = check.of(kind);
                listed.stream().limit(show).forEach(d -> out.println("  " + d.describe()));
                if (listed.size() > show) {
                    out.printf("  ... and %d more %s (--show N lists more)%n", listed.size() - show,
                            kind.name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        out.flush();
    }

    /** 1 when anything differs, else 75 when a sink could not be checked, else 0. */
    static int exitCode(List<ViewCheck> checks) {
        if (checks.stream().anyMatch(c -> !c.differences().isEmpty())) {
            return ExitCodes.DIFFERENT;
        }
        return checks.stream().allMatch(ViewCheck::checked) ? ExitCodes.OK : ExitCodes.TEMP_FAIL;
    }
}
