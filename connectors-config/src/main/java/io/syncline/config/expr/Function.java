package io.syncline.config.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The functions an expression may call (case-insensitive), with how many arguments each takes. */
public enum Function {
    LOWER(1, 1), UPPER(1, 1), TRIM(1, 1), LENGTH(1, 1),
    /** Text of every non-null argument, joined. */
    CONCAT(1, Integer.MAX_VALUE),
    /** The first non-null argument. */
    COALESCE(1, Integer.MAX_VALUE),
    ABS(1, 1),
    /** round(x) or round(x, digits), half up. */
    ROUND(1, 2),
    /** Date parts of a date, timestamp or timestamptz (UTC). */
    YEAR(1, 1), MONTH(1, 1), DAY(1, 1), HOUR(1, 1), MINUTE(1, 1), SECOND(1, 1),
    /** ISO day of week, 1 = Monday. */
    DAY_OF_WEEK(1, 1),
    /** The date part of a timestamp or timestamptz (UTC). */
    DATE(1, 1);

    private final int minArgs;
    private final int maxArgs;

    Function(int minArgs, int maxArgs) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    /** The name used in expressions. */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Function> named(String name) {
        return Arrays.stream(values()).filter(f -> f.sqlName().equalsIgnoreCase(name)).findFirst();
    }
}
