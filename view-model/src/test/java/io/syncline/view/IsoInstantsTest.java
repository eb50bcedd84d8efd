package io.syncline.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths answer exactly as the JDK's formatters do, over the whole range they take. */
class IsoInstantsTest {
    private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void formatsAsInstantMicrosDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(MIN + (long) (random.nextDouble() * (MAX - MIN)),
                    random.nextInt(1_000_000_000));
            assertThat(IsoInstants.formatMicros(instant)).isEqualTo(FieldValues.INSTANT_MICROS.format(instant));
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(MIN), Instant.ofEpochSecond(MAX, 999_999_999),
                Instant.ofEpochSecond(MIN - 1), Instant.ofEpochSecond(MAX + 1), Instant.parse("+12345-06-07T08:09:10.123456789Z")}) {
            assertThat(IsoInstants.formatMicros(edge)).isEqualTo(FieldValues.INSTANT_MICROS.format(edge));
        }
    }

    @Test
    void parsesAsTheJdkDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(MIN + 86_400 + (long) (random.nextDouble() * (MAX - MIN - 2 * 86_400)),
                    random.nextInt(1_000_000_000));
            int digits = random.nextInt(10);
            ZoneOffset offset = random.nextBoolean() ? ZoneOffset.UTC
                    : ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 72) * 15 * 60);
            String text = text(instant, digits, offset);
            assertThat(IsoInstants.parse(text, t -> null)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void leavesEveryOtherShapeToTheJdk() {
        for (String other : new String[] {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2024-01-01T00:00Z",
                "2024-01-01T00:00:00", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567891Z",
                "2024-01-01T00:00:00+01", "2024-01-01T00:00:00+0100", "2024-01-01T23:59:60Z", "2024-02-30T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01t00:00:00Z", "2024-01-01T00:00:00+19:00",
                "2024-01-01T00:00:00 Z", "２０２４-01-01T00:00:00Z", ""}) {
            assertThat(IsoInstants.parse(other, t -> null)).as(other).isNull();
        }
        assertThat(IsoInstants.parse("+10000-01-01T00:00:00Z", Instant::parse))
                .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThatThrownBy(() -> IsoInstants.parse("2024-02-30T00:00:00Z", Instant::parse))
                .isInstanceOf(DateTimeParseException.class);
    }

    private static String text(Instant instant, int digits, ZoneOffset offset) {
        StringBuilder pattern = new StringBuilder("uuuu-MM-dd'T'HH:mm:ss");
        if (digits > 0) {
            pattern.append('.').append("S".repeat(digits));
        }
        String local = DateTimeFormatter.ofPattern(pattern.toString()).format(instant.atOffset(offset));
        return local + (offset.equals(ZoneOffset.UTC) ? "Z" : offset.getId());
    }
}
