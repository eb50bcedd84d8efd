package io.syncline.processors;

import io.syncline.view.ViewSchema;

/** One view to build: the change topic it reads, the view topic it writes, and the schema of its documents. */
public record ViewDefinition(String view, String changeTopic, String viewTopic, ViewSchema schema) {

    /** The state store that holds each document's latest version, for TOAST carry-forward and the replay guard. */
    public String storeName() {
        return "view-" + view + "-state";
    }
}
