package io.syncline.view;

/** What happened to the source row, with Debezium's one-letter codes. */
public enum Op {
    /** A row read by a snapshot. */
    READ("r"),
    CREATE("c"),
    UPDATE("u"),
    DELETE("d");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Op ofCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op code " + code);
    }
}
