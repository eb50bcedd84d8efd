package io.syncline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleOutTest {

    @Test
    void oddRoundsDrainWithOneWorkerFirstEvenRoundsWithTwo() {
        assertThat(ScaleOut.order(1)).containsExactly(1, 2);
        assertThat(ScaleOut.order(2)).containsExactly(2, 1);
        assertThat(ScaleOut.order(3)).containsExactly(1, 2);
    }
}
