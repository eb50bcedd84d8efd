package io.syncline.daemon;

import io.syncline.config.SinkSpec;
import io.syncline.sink.SinkOptions;
import io.syncline.view.ViewSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sink's writer is told: its connection, and per routed view its target, schema and route options. */
public final class SinkOptionsOf {
    private SinkOptionsOf() {
    }

    public static SinkOptions of(SinkSpec sink, Map<String, ViewSchema> schemas) {
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, ViewSchema> routed = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, String>>> routeOptions = new LinkedHashMap<>();
        for (SinkSpec.RouteSpec route : sink.views()) {
            targets.put(route.view(), route.target());
            routeOptions.put(route.view(), route.options());
            routed.put(route.view(), schemas.get(route.view()));
        }
        return new SinkOptions(sink.name(), sink.connection(), targets, routed, routeOptions);
    }
}
