package io.syncline.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepReportTest {
    private static final ViewCheck EQUAL = new ViewCheck("v", "s", "t", 3, 3, List.of(), 1, null);
    private static final ViewCheck NOT_CHECKED = ViewCheck.notChecked("v", "late", "t", 3, "it is behind");
    private static final ViewCheck DIFFERENT = new ViewCheck("v", "s2", "t", 3, 3, List.of(
            new Difference(Difference.Kind.MISSING, "1", "[\"1\"]", 10, -1),
            new Difference(Difference.Kind.MISSING, "2", "[\"2\"]", 11, -1),
            new Difference(Difference.Kind.EXTRA, "9", "[\"9\"]", -1, 5)), 0, null);

    @Test
    void exitCodesTellEqualDifferentAndNotChecked() {
        assertThat(DeepReport.exitCode(List.of(EQUAL))).isZero();
        assertThat(DeepReport.exitCode(List.of(EQUAL, NOT_CHECKED))).isEqualTo(75);
        assertThat(DeepReport.exitCode(List.of(NOT_CHECKED, DIFFERENT))).isEqualTo(1);
    }

    @Test
    void theReportCountsEachKindAndListsAtMostShowPerKind() {
        StringWriter text = new StringWriter();
        DeepReport.print(List.of(EQUAL, NOT_CHECKED, DIFFERENT), 1, new PrintWriter(text));
        assertThat(text.toString()).contains(
                "view v in sink s (t): equal, 3 documents; 1 changed while checking, not compared",
                "view v in sink late (t): NOT CHECKED: it is behind",
                "view v in sink s2 (t): DIFFERENT: 2 missing, 1 extra, 0 different",
                "  missing   id 1, view version 0/A",
                "  ... and 1 more missing",
                "  extra     id 9, sink version 0/5");
    }
}
