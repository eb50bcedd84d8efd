package io.syncline.cdc;

/**
 * A column's type as pg_type describes it, a domain resolved to its base type.
 *
 * @param declared    the type as PostgreSQL writes it ({@code format_type}), a domain by its own name
 * @param base        typname of the base type (for an array, the array type, e.g. {@code _int4})
 * @param baseKind    typtype of the base type: {@code b} base, {@code c} composite, {@code d} domain (over a
 *                    domain), {@code e} enum, {@code m} multirange, {@code p} pseudo, {@code r} range
 * @param element     typname of the element type of an array, else null
 * @param elementKind typtype of the element type of an array, else 0
 */
record ColumnType(String column, String declared, String base, char baseKind, String element, char elementKind) {

    boolean isArray() {
        return element != null;
    }
}
