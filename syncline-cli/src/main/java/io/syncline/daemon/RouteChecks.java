package io.syncline.daemon;

import io.syncline.config.ConfigProblem;
import io.syncline.config.InvalidPipelineException;
import io.syncline.config.PipelineSpec;
import io.syncline.config.SinkSpec;
import io.syncline.sink.SinkFactories;
import io.syncline.sink.SinkProblem;
import io.syncline.view.ViewSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks each route's options against its view's schema, once the source's columns are known
 * (e.g. an Elasticsearch mapping naming a field the view lacks, or one that is not json): the
 * loader could check only what needs no columns. Problems name the route's file, line and key path.
 */
final class RouteChecks {
    private RouteChecks() {
    }

    static void check(PipelineSpec spec, Map<String, ViewSchema> schemas, SinkFactories factories) throws InvalidPipelineException {
        List<ConfigProblem> problems = new ArrayList<>();
        for (SinkSpec sink : spec.sinks()) {
            for (SinkSpec.RouteSpec route : sink.views()) {
                ViewSchema schema = schemas.get(route.view());
                if (route.options().isEmpty() || schema == null) {
                    continue;
                }
                for (SinkProblem problem : factories.forType(sink.type()).validateRoute(route.options(), schema)) {
                    problems.add(route.where().child(problem.keyPath()).problem(problem.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
    }
}
