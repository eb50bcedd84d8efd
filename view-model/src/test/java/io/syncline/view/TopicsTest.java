package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Change topic names must be the ones Debezium writes, or the view stage reads topics nobody fills. */
class TopicsTest {

    @Test
    void aNameKafkaAcceptsStaysAsItIs() {
        assertThat(Topics.changeTopic("shop", "public", "Order-items_2.v1")).isEqualTo("shop.public.Order-items_2.v1");
    }

    @Test
    void charactersKafkaRefusesBecomeUnderscores() {
        assertThat(Topics.changeTopic("shop", "Stock", "Item Lots")).isEqualTo("shop.Stock.Item_Lots");
        assertThat(Topics.changeTopic("shop", "public", "Bestände")).isEqualTo("shop.public.Best_nde");
        assertThat(Topics.changeTopic("shop", "public", "a$b#c\"d'e")).isEqualTo("shop.public.a_b_c_d_e");
    }

    @Test
    void eachHalfOfASurrogatePairBecomesAnUnderscore() {
        // Debezium replaces per UTF-16 char, so one emoji (two chars) becomes two underscores.
        assertThat(Topics.changeTopic("shop", "public", "box\uD83D\uDCE6")).isEqualTo("shop.public.box__");
    }

    @Test
    void aBlankPartIsLeftOut() {
        assertThat(Topics.changeTopic("shop", "public", " ")).isEqualTo("shop.public");
    }

    @Test
    void aLongNameIsCutAt249Characters() {
        String table = "t".repeat(300);
        String topic = Topics.changeTopic("shop", "public", table);

        assertThat(topic).hasSize(Topics.MAX_TOPIC_LENGTH).isEqualTo(("shop.public." + table).substring(0, 249));
        assertThat(Topics.changeTopic("shop", "public", table + "other")).isEqualTo(topic);
        String fits = "t".repeat(249 - "shop.public.".length());
        assertThat(Topics.changeTopic("shop", "public", fits)).isEqualTo("shop.public." + fits);
    }

    @Test
    void theSchemasTopicIsUnderThePrefix() {
        assertThat(Topics.schemaTopic("shop")).isEqualTo("shop.syncline.schemas");
    }
}
