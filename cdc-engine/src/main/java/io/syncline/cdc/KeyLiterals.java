package io.syncline.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.view.FieldType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A key column's value as a change event carries it, turned back into PostgreSQL's input text, so
 * it can be bound as an untyped parameter that the server reads as the column's own type (and the
 * primary key's index is used).
 */
final class KeyLiterals {
    private KeyLiterals() {
    }

    static String of(JsonNode value, FieldType type) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a key column value is missing or null");
        }
        return switch (type.kind()) {
            case DATE -> LocalDate.ofEpochDay(value.asLong()).toString();
            case TIME -> LocalTime.ofNanoOfDay(value.asLong() * 1_000).toString();
            case TIMESTAMP -> {
                long perSecond = type.precision() <= 3 ? 1_000 : 1_000_000;
                long epoch = value.asLong();
                yield LocalDateTime.ofEpochSecond(Math.floorDiv(epoch, perSecond),
                        (int) (Math.floorMod(epoch, perSecond) * (1_000_000_000 / perSecond)), ZoneOffset.UTC).toString();
            }
            case BYTES -> "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(value.asText()));
            case ARRAY, OBJECT -> throw new IllegalArgumentException("an array or object cannot be a key to read a row by");
            default -> value.isTextual() ? value.asText() : value.toString();
        };
    }
}
