package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code source.walRetention}: sizes, fractions, the action and their problems. */
class WalRetentionConfigTest {

    private static PipelineSpec withRetention(String mapping) throws InvalidPipelineException {
        return Pipelines.load(Pipelines.MINIMAL.replace("  tables: [public.orders]\n",
                "  tables: [public.orders]\n  walRetention: " + mapping + "\n"));
    }

    @Test
    void leftOutItWarnsOnlyWithoutABudget() throws Exception {
        WalRetentionSpec retention = Pipelines.load(Pipelines.MINIMAL).source().walRetention();
        assertThat(retention).isEqualTo(WalRetentionSpec.DEFAULTS);
        assertThat(retention.hasBudget()).isFalse();
        assertThat(retention.onExceeded()).isEqualTo(WalRetentionSpec.OnExceeded.WARN);
        assertThat(retention.checkInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(retention.warnAt()).isEqualTo(0.8);
    }

    @Test
    void bindsEveryKey() throws Exception {
        WalRetentionSpec retention = withRetention("{budget: 50GB, warnAt: 0.5, onExceeded: drop_slot, checkInterval: 5s}")
                .source().walRetention();
        assertThat(retention).isEqualTo(new WalRetentionSpec(50L << 30, 0.5, WalRetentionSpec.OnExceeded.DROP_SLOT,
                Duration.ofSeconds(5)));
        assertThat(retention.warnBytes()).isEqualTo(25L << 30);
    }

    @Test
    void sizesAreBinaryInAnyCase() {
        assertThat(Sizes.parse("512MB")).isEqualTo(512L * 1024 * 1024);
        assertThat(Sizes.parse(" 4 kb ")).isEqualTo(4096L);
        assertThat(Sizes.parse("2TB")).isEqualTo(2L << 40);
        assertThat(Sizes.parse("100B")).isEqualTo(100L);
        assertThat(Sizes.parse("1.5GB")).isNull();
        assertThat(Sizes.parse("50 gigabytes")).isNull();
        assertThat(Sizes.parse("999999999999999TB")).as("overflows a long").isNull();
        assertThat(Sizes.describe(3L << 29)).isEqualTo("1.5 GB");
        assertThat(Sizes.describe(812L << 20)).isEqualTo("812 MB");
    }

    @Test
    void badValuesAreProblemsAtTheirKeys() {
        assertThatThrownBy(() -> withRetention("{budget: 50 gigs, warnAt: 1.5, onExceeded: drop, checkInterval: 500ms}"))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("source.walRetention.budget: '50 gigs' is not a size; write a whole number followed by B, kB, MB, GB or TB")
                .hasMessageContaining("source.walRetention.warnAt: must be above 0 and at most 1 (a fraction, e.g. 0.8), got 1.5")
                .hasMessageContaining("source.walRetention.onExceeded: 'drop' is not an action; did you mean 'drop_slot'?")
                .hasMessageContaining("source.walRetention.checkInterval: must be at least 1s, got 500ms");
        assertThatThrownBy(() -> withRetention("{budget: 10kB}"))
                .hasMessageContaining("source.walRetention.budget: must be at least 1.0 MB, got 10kB");
        assertThatThrownBy(() -> withRetention("{budgt: 1GB}"))
                .hasMessageContaining("source.walRetention.budgt: unknown key; did you mean 'budget'?");
    }

    @Test
    void dropSlotNeedsABudget() {
        assertThatThrownBy(() -> withRetention("{onExceeded: drop_slot}"))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("source.walRetention.onExceeded: drop_slot needs a budget: set source.walRetention.budget");
    }
}
