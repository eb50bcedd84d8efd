package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void generationZeroIsTheBareLsn() {
        assertThat(Versions.of(0, 23_803_720L)).isEqualTo(23_803_720L);
    }

    @Test
    void theGenerationTakesTheHighBitsAndEveryVersionIsPositive() {
        long version = Versions.of(3, 0x1234L);
        assertThat(version).isEqualTo(3L << 56 | 0x1234L);
        assertThat(Versions.generation(version)).isEqualTo(3);
        assertThat(Versions.lsn(version)).isEqualTo(0x1234L);
        long highest = Versions.of(Versions.MAX_GENERATION, Versions.LSN_LIMIT - 1);
        assertThat(highest).isEqualTo(Long.MAX_VALUE).isPositive();
        // Any version of a higher generation beats every version of a lower one.
        assertThat(Versions.of(1, 0)).isGreaterThan(Versions.of(0, Versions.LSN_LIMIT - 1));
    }

    @Test
    void anLsnBeyond56BitsOrABadGenerationIsRefused() {
        assertThatThrownBy(() -> Versions.of(0, Versions.LSN_LIMIT))
                .hasMessageContaining("source LSN 1000000/0 is beyond FFFFFF/FFFFFFFF (2^56 - 1, 64 PiB of WAL)");
        assertThatThrownBy(() -> Versions.of(128, 1)).hasMessageContaining("source generation 128 is outside 0..127");
        assertThatThrownBy(() -> Versions.of(-1, 1)).hasMessageContaining("outside 0..127");
    }

    @Test
    void theGenerationHeaderIsDecimalTextAndAbsentMeansZero() {
        assertThat(Versions.generationOf(Versions.generationHeader(5))).isEqualTo(5);
        assertThat(Versions.generationOf(null)).isZero();
        assertThatThrownBy(() -> Versions.generationOf("x".getBytes())).hasMessageContaining("not a generation: 'x'");
        assertThatThrownBy(() -> Versions.generationOf("200".getBytes())).hasMessageContaining("outside 0..127");
    }

    @Test
    void lsnsAreWrittenAsPostgreSqlDoes() {
        assertThat(Versions.lsnText(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(Versions.lsnText(0x1_0000_00A0L)).isEqualTo("1/A0");
    }
}
