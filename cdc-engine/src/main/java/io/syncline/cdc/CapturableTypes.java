package io.syncline.cdc;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The column types whose values reach the change topics intact with the capture's Debezium settings
 * ({@link DebeziumProperties}), as {@code ColumnTypesCaptureIT} measured them on a real PostgreSQL,
 * snapshot and streaming. Debezium leaves columns of other types out of its events
 * ({@code include.unknown.datatypes=false}: geometric types but point, composite types, multiranges,
 * tsquery, pg_lsn, xid, reg* types, arrays of domains, of composites and of money, name, interval,
 * varbit, xml and point, ...) or sends them in forms the views cannot read: a capture would lose
 * those values without a word, so the preflight refuses such columns.
 */
final class CapturableTypes {
    /** Base types (a domain counts as its base type) and ranges that arrive intact. */
    private static final Set<String> SCALARS = Set.of(
            "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "money", "oid",
            "text", "varchar", "bpchar", "char", "citext", "xml", "tsvector", "ltree", "isbn",
            "date", "time", "timetz", "timestamp", "timestamptz", "interval",
            "uuid", "json", "jsonb", "hstore", "bytea", "bit", "inet", "cidr", "macaddr", "macaddr8",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange");

    /** Element types of arrays that arrive intact (enum elements too). */
    private static final Set<String> ELEMENTS = Set.of(
            "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "oid",
            "text", "varchar", "bpchar", "char", "citext", "ltree",
            "date", "time", "timetz", "timestamp", "timestamptz",
            "uuid", "json", "jsonb", "hstore", "bytea", "inet", "cidr", "macaddr", "macaddr8",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange");

    /** Types Debezium does send, but not so that the value can be read back. */
    private static final Map<String, String> MANGLED = Map.of(
            "name", "Debezium sends its value in the snapshot but null while streaming",
            "varbit", "Debezium sends it as bytes without its length, so B'1' and B'01' arrive alike",
            "point", "Debezium sends it as a structure (x, y, wkb) that the views do not read",
            "int2vector", "Debezium sends it as an empty array",
            "oidvector", "Debezium sends it as an empty array");

    private CapturableTypes() {
    }

    /** Why the column's values would not arrive intact, or empty when they do. */
    static Optional<String> problem(ColumnType type) {
        if (MANGLED.containsKey(type.base())) {
            return Optional.of(MANGLED.get(type.base()));
        }
        if (type.isArray()) {
            boolean element = type.elementKind() == 'e' || ELEMENTS.contains(type.element()) && type.elementKind() != 'd';
            return element ? Optional.empty() : Optional.of(reason(type.declared()));
        }
        if (type.baseKind() == 'e' || SCALARS.contains(type.base()) && type.baseKind() != 'd') {
            return Optional.empty();
        }
        return Optional.of(reason(type.declared()));
    }

    private static String reason(String declared) {
        return "Debezium leaves columns of type " + declared + " out of its change events";
    }
}
