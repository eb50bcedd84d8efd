package io.syncline.cli.verify;

import java.util.List;

/**
 * What {@code verify --deep} found for one view in one sink: {@code expected} documents in the
 * view topic up to the bound, {@code scanned} in the sink's target, the differences that remain
 * once documents changed after the bound are set aside ({@code changedMeanwhile}), or why the
 * sink could not be checked.
 */
record ViewCheck(String view, String sink, String target, long expected, long scanned, List<Difference> differences,
                 long changedMeanwhile, String notChecked) {

    static ViewCheck notChecked(String view, String sink, String target, long expected, String why) {
        return new ViewCheck(view, sink, target, expected, 0, List.of(), 0, why);
    }

    boolean checked() {
        return notChecked == null;
    }

    boolean equal() {
        return checked() && differences.isEmpty();
    }

    List<Difference> of(Difference.Kind kind) {
        return differences.stream().filter(d -> d.kind() == kind).toList();
    }
}
