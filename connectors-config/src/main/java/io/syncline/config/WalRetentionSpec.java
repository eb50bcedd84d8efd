package io.syncline.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code source.walRetention}: how much WAL the pipeline's replication slot may keep PostgreSQL from
 * recycling, and what happens beyond that. Read every {@code checkInterval} by the slot monitor.
 *
 * @param budgetBytes   the budget in bytes; 0 when none is set (the slot is still watched for invalidation)
 * @param warnAt        the fraction of the budget at which a warning is logged, in (0, 1]
 * @param onExceeded    what happens when the slot retains more than the budget
 * @param checkInterval how often the slot is read
 */
public record WalRetentionSpec(long budgetBytes, double warnAt, OnExceeded onExceeded, Duration checkInterval) {

    public static final double DEFAULT_WARN_AT = 0.8;
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(30);
    /** No budget: warn when PostgreSQL invalidates the slot, nothing else. */
    public static final WalRetentionSpec DEFAULTS = new WalRetentionSpec(0, DEFAULT_WARN_AT, OnExceeded.WARN,
            DEFAULT_CHECK_INTERVAL);

    public WalRetentionSpec {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budgetBytes must not be negative: " + budgetBytes);
        }
        if (!(warnAt > 0 && warnAt <= 1)) {
            throw new IllegalArgumentException("warnAt must be in (0, 1]: " + warnAt);
        }
        if (onExceeded == null || checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("onExceeded and a positive checkInterval are required");
        }
    }

    public boolean hasBudget() {
        return budgetBytes > 0;
    }

    /** The retained bytes from which on a warning is due: {@code warnAt} of the budget (0 without a budget). */
    public long warnBytes() {
        return (long) Math.floor(budgetBytes * warnAt);
    }

    /** {@code onExceeded}: {@code warn} (the default) or {@code drop_slot}. */
    public enum OnExceeded {
        /** Log a warning, keep capturing. */
        WARN("warn"),
        /**
         * Stop capture, drop the slot and stop the pipeline: the next start captures as a new source
         * generation, with a new slot and a new snapshot of every captured table.
         */
        DROP_SLOT("drop_slot");

        private final String yamlName;

        OnExceeded(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static List<String> yamlNames() {
            return Arrays.stream(values()).map(OnExceeded::yamlName).toList();
        }

        public static OnExceeded ofYamlName(String name) {
            return Arrays.stream(values()).filter(v -> v.yamlName.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown onExceeded: " + name));
        }
    }
}
