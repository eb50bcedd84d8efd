package io.syncline.config;

/** A schema-qualified table; {@code orders} alone means {@code public.orders}. */
public record TableName(String schema, String table) {

    public static TableName parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new TableName("public", text);
        }
        if (dot == 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a table name (schema.table)");
        }
        return new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
