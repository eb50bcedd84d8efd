package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinedStagesAloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOrderCountsForItsCustomerAndForEachItemWithItsProduct() throws Exception {
        Map<String, JsonNode> orders = Map.of(
                "1", JSON.readTree("""
                        {"id": 1, "customer": {"id": 7, "name": "a"},
                         "items": [{"line_no": 1, "product": {"sku": "x"}}, {"line_no": 2, "product": {"sku": "y"}}]}"""),
                // Joined before its customer and one item's product arrived: only the other item counts.
                "2", JSON.readTree("""
                        {"id": 2, "customer": null,
                         "items": [{"line_no": 1, "product": null}, {"line_no": 2, "product": {"sku": "z"}}]}"""),
                "3", JSON.readTree("""
                        {"id": 3, "customer": {"id": 8}, "items": []}"""));

        assertThat(JoinedStagesAlone.orderUnits(orders)).isEqualTo(3 + 1 + 1);
    }

    @Test
    void aFactCountsOnlyWithItsOrdersAndItsProductsFields() throws Exception {
        Map<String, JsonNode> facts = Map.of(
                "1|1", JSON.readTree("{\"order_status\": \"paid\", \"product_sku\": \"x\"}"),
                "1|2", JSON.readTree("{\"order_status\": null, \"product_sku\": \"x\"}"),
                "2|1", JSON.readTree("{\"order_status\": \"new\"}"));

        assertThat(JoinedStagesAlone.factUnits(facts)).isEqualTo(1);
    }
}
