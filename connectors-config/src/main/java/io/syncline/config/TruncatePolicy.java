package io.syncline.config;

import java.util.Arrays;
import java.util.List;

/** What a view does when a table it reads is truncated ({@code views[].onTruncate}). */
public enum TruncatePolicy {
    /** Every row of the table leaves the view: documents are deleted or re-joined, sinks delete (the default). */
    PROPAGATE("propagate"),
    /** Nothing is deleted; a warning and a counted metric say that the view now differs from the source. */
    IGNORE("ignore"),
    /** The pipeline stops and says what to do. */
    FAIL("fail");

    private final String yamlName;

    TruncatePolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling in pipeline files. */
    public String yamlName() {
        return yamlName;
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(TruncatePolicy::yamlName).toList();
    }
}
