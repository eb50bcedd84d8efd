package io.syncline.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the parts of a bound spec fit together: unique view and sink names, each view's
 * tables and joins ({@link ViewValidator}), routes to existing views, and each sink's connection
 * options (by the catalog).
 * Parts the binder could not bind are null and skipped: their problem is already reported.
 */
final class PipelineValidator {
    /** The one sink name that would share a dead-letter topic with the view stage. */
    static final String RESERVED_SINK_NAME = "views";

    private final Problems problems;
    private final SinkCatalog catalog;

    PipelineValidator(Problems problems, SinkCatalog catalog) {
        this.problems = problems;
        this.catalog = catalog;
    }

    void validate(PipelineSpec spec) {
        Set<String> viewNames = uniqueNames(spec.views().stream().map(ViewSpec::name).toList(), "views", "view");
        checkViews(spec);
        uniqueNames(spec.sinks().stream().map(SinkSpec::name).toList(), "sinks", "sink");
        for (int i = 0; i < spec.sinks().size(); i++) {
            checkSink(spec.sinks().get(i), KeyPaths.item("sinks", i), viewNames);
        }
        checkHttp(spec.http());
    }

    /** An endpoint reachable from other machines must not answer everyone. */
    private void checkHttp(HttpSpec http) {
        if (http.enabled() && !http.loopback() && !http.hasToken() && !problems.reportedUnder("http")) {
            problems.at(KeyPaths.child("http", "address"), "'" + http.host() + "' is not a loopback address, so http.token"
                    + " is required (e.g. token: \"${SYNCLINE_HTTP_TOKEN}\"); or listen on 127.0.0.1");
        }
    }

    /** Reports a name used again at {@code <list>[i].name}; returns the names seen. */
    private Set<String> uniqueNames(List<String> names, String list, String what) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer first = name == null ? null : firstIndex.putIfAbsent(name, i);
            if (first != null) {
                problems.at(KeyPaths.child(KeyPaths.item(list, i), "name"),
                        "duplicate " + what + " name '" + name + "' (also " + KeyPaths.item(list, first) + ")");
            }
        }
        return firstIndex.keySet();
    }

    private void checkViews(PipelineSpec spec) {
        Set<TableName> captured = spec.source() == null ? Set.of() : new LinkedHashSet<>(spec.source().tables());
        ViewValidator views = new ViewValidator(problems, captured);
        for (int i = 0; i < spec.views().size(); i++) {
            views.validate(spec.views().get(i), KeyPaths.item("views", i));
        }
    }

    private void checkSink(SinkSpec sink, String path, Set<String> viewNames) {
        if (RESERVED_SINK_NAME.equals(sink.name())) {
            // Sinks dead-letter to <prefix>.dlq.<sink>; the view stage's topic is <prefix>.dlq.views.
            problems.at(KeyPaths.child(path, "name"), "'" + RESERVED_SINK_NAME + "' is reserved (the view stage's"
                    + " dead-letter topic is <prefix>.dlq.views); choose another name");
        }
        Set<String> routed = new HashSet<>();
        for (int j = 0; j < sink.views().size(); j++) {
            String view = sink.views().get(j).view();
            String viewPath = KeyPaths.child(KeyPaths.item(KeyPaths.child(path, "views"), j), "view");
            if (view == null) {
                continue;
            }
            if (!viewNames.contains(view)) {
                problems.at(viewPath, "unknown view '" + view + "'" + Suggestions.didYouMean(view, viewNames)
                        + (viewNames.isEmpty() ? " (no views are defined)" : Suggestions.listing("views", viewNames)));
            } else if (!routed.add(view)) {
                problems.at(viewPath, "view '" + view + "' is routed to this sink twice");
            }
        }
        // A connection value already reported (e.g. an unset variable) would only be reported again as missing.
        if (sink.type() != null && !problems.reportedUnder(KeyPaths.child(path, "connection"))) {
            for (SinkConnectionProblem problem : catalog.validate(sink.type(), sink.connection())) {
                problems.at(KeyPaths.child(path, problem.keyPath()), problem.message());
            }
        }
    }
}
