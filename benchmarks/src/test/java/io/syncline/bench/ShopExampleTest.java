package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShopExampleTest {

    @Test
    void dataSqlFillsInThePsqlVariablesAndLeavesCastsAlone() {
        String sql = ShopExample.dataSql(20, 5, 50);

        assertThat(sql).doesNotContain(":customers", ":products", ":orders")
                .contains("generate_series(1, 20)", "generate_series(1, 5)", "generate_series(1, 50)", "1 + i % 20")
                .contains("::uuid");
    }

    @Test
    void viewsAreTakenFromTheExamplePipeline() {
        assertThat(ShopExample.views(ShopExample.ORDERS, ShopExample.ORDER_ITEMS))
                .startsWith("[{\"name\":\"orders\"")
                .contains("\"kind\":\"many\"", "\"flatten\":[\"order\",\"product\"]", "${SYNCLINE_HASH_SALT:-shop-demo-salt}");
        assertThatThrownBy(() -> ShopExample.views("no_such_view")).hasMessageContaining("no view no_such_view");
    }
}
