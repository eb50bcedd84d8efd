package io.syncline.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.cdc.SlotRetention.Log;
import io.syncline.cdc.SlotStatus.State;
import io.syncline.config.WalRetentionSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotRetentionTest {
    private static final long MB = 1024 * 1024;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final WalRetentionSpec BUDGET_100MB = new WalRetentionSpec(100 * MB, 0.8,
            WalRetentionSpec.OnExceeded.WARN, Duration.ofSeconds(30));

    private static SlotReading reading(long retained, String walStatus) {
        return new SlotReading(true, false, walStatus, retained, retained, null, T0);
    }

    @Test
    void theStateFollowsTheBudgetAndPostgresWalStatus() {
        assertThat(SlotRetention.state(reading(10 * MB, "reserved"), BUDGET_100MB)).isEqualTo(State.OK);
        assertThat(SlotRetention.state(reading(80 * MB - 1, "reserved"), BUDGET_100MB)).isEqualTo(State.OK);
        assertThat(SlotRetention.state(reading(80 * MB, "extended"), BUDGET_100MB)).isEqualTo(State.WARNING);
        assertThat(SlotRetention.state(reading(100 * MB, "extended"), BUDGET_100MB)).as("at the budget").isEqualTo(State.WARNING);
        assertThat(SlotRetention.state(reading(100 * MB + 1, "extended"), BUDGET_100MB)).isEqualTo(State.EXCEEDED);
        assertThat(SlotRetention.state(reading(1, "lost"), BUDGET_100MB)).isEqualTo(State.INVALIDATED);
        assertThat(SlotRetention.state(new SlotReading(true, false, "lost", null, null, null, T0), BUDGET_100MB))
                .isEqualTo(State.INVALIDATED);
        assertThat(SlotRetention.state(SlotReading.absent(T0), BUDGET_100MB)).isEqualTo(State.ABSENT);
        assertThat(SlotRetention.state(reading(1, "unreserved"), BUDGET_100MB))
                .as("about to be invalidated by max_slot_wal_keep_size").isEqualTo(State.WARNING);
    }

    @Test
    void withoutABudgetOnlyPostgresStatusCounts() {
        assertThat(SlotRetention.state(reading(500L * 1024 * MB, "extended"), WalRetentionSpec.DEFAULTS)).isEqualTo(State.OK);
        assertThat(SlotRetention.state(reading(1, "lost"), WalRetentionSpec.DEFAULTS)).isEqualTo(State.INVALIDATED);
        SlotStatus status = SlotRetention.status("s", reading(5 * MB, null), WalRetentionSpec.DEFAULTS);
        assertThat(status.budgetBytes()).isZero();
        assertThat(status.warnBytes()).isZero();
        assertThat(status.retainedBytes()).isEqualTo(5 * MB);
        assertThat(status.safeWalSizeBytes()).as("unknown").isEqualTo(-1);
    }

    @Test
    void logsOnStateChangesAndThenAtMostEveryFiveMinutes() {
        assertThat(SlotRetention.logDecision(State.UNKNOWN, null, State.OK, T0)).isEqualTo(Log.NONE);
        assertThat(SlotRetention.logDecision(State.OK, null, State.WARNING, T0)).isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.WARNING, T0, State.WARNING, T0.plusSeconds(30))).isEqualTo(Log.NONE);
        assertThat(SlotRetention.logDecision(State.WARNING, T0, State.WARNING, T0.plus(Duration.ofMinutes(4)))).isEqualTo(Log.NONE);
        assertThat(SlotRetention.logDecision(State.WARNING, T0, State.WARNING, T0.plus(Duration.ofMinutes(5)))).isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.WARNING, T0, State.EXCEEDED, T0.plusSeconds(30))).isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.EXCEEDED, T0, State.WARNING, T0.plusSeconds(30))).isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.EXCEEDED, T0, State.OK, T0.plusSeconds(30))).isEqualTo(Log.INFO);
        assertThat(SlotRetention.logDecision(State.OK, T0, State.OK, T0.plus(Duration.ofHours(1)))).isEqualTo(Log.NONE);
        assertThat(SlotRetention.logDecision(State.OK, T0, State.INVALIDATED, T0)).isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.UNKNOWN, null, State.ABSENT, T0))
                .as("not created yet at the first reading").isEqualTo(Log.NONE);
        assertThat(SlotRetention.logDecision(State.OK, T0, State.ABSENT, T0)).as("dropped while running").isEqualTo(Log.WARN);
        assertThat(SlotRetention.logDecision(State.WARNING, T0, State.UNKNOWN, T0)).as("a failed read").isEqualTo(Log.NONE);
    }

    /** Readings in a row, as the monitor remembers them: only the lines that are due. */
    @Test
    void aSlotNotCreatedYetAtStartIsNeverWarnedAbout() {
        State remembered = State.UNKNOWN;
        Instant loggedAt = null;
        java.util.List<Log> logs = new java.util.ArrayList<>();
        State[] readings = {State.ABSENT, State.ABSENT, State.ABSENT, State.OK, State.OK, State.ABSENT, State.ABSENT};
        for (int i = 0; i < readings.length; i++) {
            Instant at = T0.plusSeconds(i);
            Log log = SlotRetention.logDecision(remembered, loggedAt, readings[i], at);
            logs.add(log);
            remembered = SlotRetention.remembered(remembered, readings[i], log);
            loggedAt = log == Log.NONE ? loggedAt : at;
        }
        assertThat(logs).containsExactly(Log.NONE, Log.NONE, Log.NONE, Log.NONE, Log.NONE, Log.WARN, Log.NONE);
        assertThat(SlotRetention.remembered(State.WARNING, State.UNKNOWN, Log.NONE)).as("a failed reading").isEqualTo(State.WARNING);
    }

    @Test
    void messagesGiveTheNumbersAndWhatToDo() {
        SlotStatus warning = SlotRetention.status("shop_slot", reading(85 * MB, "extended"), BUDGET_100MB);
        assertThat(SlotRetention.message(warning, BUDGET_100MB)).contains("replication slot shop_slot retains 85.0 MB of WAL",
                "85% of source.walRetention.budget 100 MB", "capture NOT connected", "start the daemon (syncline run)");
        SlotStatus exceeded = SlotRetention.status("shop_slot", reading(120 * MB, "extended"), BUDGET_100MB);
        assertThat(SlotRetention.message(exceeded, BUDGET_100MB)).contains("120% of", "above the budget", "drop_slot would drop it");
        WalRetentionSpec drop = new WalRetentionSpec(100 * MB, 0.8, WalRetentionSpec.OnExceeded.DROP_SLOT, Duration.ofSeconds(1));
        assertThat(SlotRetention.message(exceeded, drop)).contains("stopping capture and dropping the slot",
                "new source generation");
        SlotStatus lost = SlotRetention.status("shop_slot", new SlotReading(true, false, "lost", null, null, null, T0), BUDGET_100MB);
        assertThat(SlotRetention.message(lost, BUDGET_100MB)).contains("max_slot_wal_keep_size", "restart the daemon",
                "syncline reset --source");
    }
}
