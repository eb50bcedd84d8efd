package io.syncline.config;

import java.util.Map;

/** Loads pipeline text in tests. */
final class Pipelines {
    /** A valid pipeline of one table, one view and one sink; tests append or replace parts. */
    static final String MINIMAL = """
            name: my-shop
            source:
              postgres: {host: 127.0.0.1, database: shop, user: postgres}
              tables: [public.orders]
            views:
              - {name: orders, table: public.orders}
            sinks:
              - name: search
                type: elasticsearch
                connection: {url: "http://127.0.0.1:9200"}
                views: [{view: orders, index: orders}]
            """;

    private Pipelines() {
    }

    static PipelineSpec load(String yaml, Map<String, String> environment) throws InvalidPipelineException {
        return new PipelineLoader().load("test.yaml", yaml, environment, new FakeSinkCatalog());
    }

    static PipelineSpec load(String yaml) throws InvalidPipelineException {
        return load(yaml, Map.of());
    }
}
