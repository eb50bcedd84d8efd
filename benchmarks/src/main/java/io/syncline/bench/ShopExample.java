package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The shop example of connectors-config/examples (packaged with the harness by its build): the
 * schema, the sample data generator with its psql variables filled in, and views taken verbatim from
 * the example pipeline, so the measurement runs exactly what the demo runs.
 */
final class ShopExample {
    static final String ORDERS = "orders";
    static final String ORDER_ITEMS = "order_items";
    /** The captured tables, as shop.yaml lists them. */
    static final List<String> TABLES = List.of("public.customers", "public.products", "public.orders", "public.order_items");

    private ShopExample() {
    }

    static String schemaSql() {
        return resource("shop-schema.sql");
    }

    /** shop-data.sql with its psql variables {@code :customers}, {@code :products}, {@code :orders} replaced (not {@code ::casts}). */
    static String dataSql(int customers, int products, int orders) {
        String sql = resource("shop-data.sql");
        for (Map.Entry<String, Integer> variable : Map.of("customers", customers, "products", products, "orders", orders)
                .entrySet()) {
            sql = sql.replaceAll("(?<!:):" + variable.getKey() + "\\b", String.valueOf(variable.getValue()));
        }
        return sql;
    }

    /**
     * The named views of shop.yaml as a YAML flow sequence (JSON), unchanged: joins, transforms and
     * the hash salt's {@code ${...}} default included.
     */
    static String views(String... names) {
        try {
            JsonNode pipeline = new YAMLMapper().readTree(resource("shop.yaml"));
            ArrayNode selected = new ObjectMapper().createArrayNode();
            for (String name : names) {
                JsonNode view = null;
                for (JsonNode candidate : pipeline.path("views")) {
                    if (name.equals(candidate.path("name").asText())) {
                        view = candidate;
                    }
                }
                if (view == null) {
                    throw new IllegalStateException("shop.yaml has no view " + name);
                }
                selected.add(view);
            }
            return new ObjectMapper().writeValueAsString(selected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String file) {
        try (InputStream in = ShopExample.class.getResourceAsStream("shop/" + file)) {
            if (in == null) {
                throw new IllegalStateException("shop/" + file + " is not on the classpath: build the harness with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
