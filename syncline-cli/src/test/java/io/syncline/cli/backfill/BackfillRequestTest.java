package io.syncline.cli.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.cdc.BackfillSignal;
import io.syncline.config.PipelineLoader;
import io.syncline.config.PipelineSpec;
import io.syncline.config.TableName;
import io.syncline.daemon.SinkFactoryCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillRequestTest {
    private static final String YAML = """
            name: shop
            source:
              postgres: {host: db, database: shop, user: syncline}
              tables: [public.orders, public.customers, sales.items]
            kafka: {bootstrapServers: "k:9092"}
            views:
              - name: orders
                table: public.orders
                joins:
                  - {name: customer, table: public.customers, kind: one, on: {customer_id: id}}
                  - {name: items, table: sales.items, kind: many, on: {id: order_id}}
            sinks:
              - name: docs
                type: mongodb
                connection: {uri: "mongodb://m", database: shop}
                views: [{view: orders, collection: orders}]
            """;

    private static PipelineSpec spec() throws Exception {
        return new PipelineLoader().load("shop.yaml", YAML, Map.of(), SinkFactoryCatalog.discover());
    }

    @Test
    void aViewBackfillsEveryTableItReadsOnceAndTheSignalNamesThem() throws Exception {
        BackfillSignal request = BackfillRequest.of(spec(), List.of("orders"), List.of("orders"), null);

        assertThat(request.tables()).containsExactly(new TableName("public", "orders"),
                new TableName("public", "customers"), new TableName("sales", "items"));
        assertThat(request.id()).startsWith("backfill-");
        assertThat(request.data()).isEqualTo("{\"type\":\"incremental\",\"data-collections\":"
                + "[\"public.orders\",\"public.customers\",\"sales.items\"]}");
    }

    @Test
    void aFilterBecomesDebeziumsAdditionalConditionForItsOneTable() throws Exception {
        BackfillSignal request = BackfillRequest.of(spec(), List.of("sales.items"), List.of(), "order_id > 10 AND note <> 'x'");

        assertThat(request.data()).isEqualTo("{\"type\":\"incremental\",\"data-collections\":[\"sales.items\"],"
                + "\"additional-conditions\":[{\"data-collection\":\"sales.items\",\"filter\":\"order_id > 10 AND note <> 'x'\"}]}");
    }

    @Test
    void namesNotInThePipelineAndAFilterOverSeveralTablesAreRefusedTogether() {
        assertThatThrownBy(() -> BackfillRequest.of(spec(), List.of("public.invoices", "a.b.c"), List.of("nope"), "x = 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table public.invoices is not captured (source.tables); 'a.b.c' is not a table name"
                        + " (schema.table); no view named nope; --where filters the rows of one table; this backfill reads 0");
    }
}
