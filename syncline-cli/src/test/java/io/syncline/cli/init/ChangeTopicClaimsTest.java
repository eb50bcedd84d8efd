package io.syncline.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import org.junit.jupiter.api.Test;

class ChangeTopicClaimsTest {

    @Test
    void tablesWithOddNamesEachGetTheirTopic() {
        ChangeTopicClaims claims = new ChangeTopicClaims("shop");

        assertThat(claims.claim(new TableName("Stock", "Item Lots"))).isNull();
        assertThat(claims.claim(new TableName("public", "Bestände"))).isNull();
        assertThat(claims.claim(new TableName("Stock", "item_lots"))).as("topics are case-sensitive").isNull();
    }

    @Test
    void aTableWhoseTopicAnEarlierOneHasIsSkippedNamingIt() {
        ChangeTopicClaims claims = new ChangeTopicClaims("shop");
        claims.claim(new TableName("Stock", "Item Lots"));

        assertThat(claims.claim(new TableName("Stock", "Item_Lots"))).contains(
                "its change topic shop.Stock.Item_Lots would be that of \"Stock\".\"Item Lots\" too",
                "rename one of them to capture both");
    }

    @Test
    void longNamesCutToTheSameTopicCollide() {
        ChangeTopicClaims claims = new ChangeTopicClaims("shop");
        String common = "t".repeat(250);
        claims.claim(new TableName("public", common + "a"));

        assertThat(claims.claim(new TableName("public", common + "b"))).contains("would be that of");
    }
}
