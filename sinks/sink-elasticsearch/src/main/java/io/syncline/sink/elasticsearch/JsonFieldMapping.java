package io.syncline.sink.elasticsearch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a json/jsonb field is mapped in Elasticsearch ({@code sinks[].views[].mappings} in the
 * pipeline file). The default, {@link #FLATTENED}, takes every valid JSON value, whatever its
 * shape: rows whose json differs in shape must not be dead-lettered by dynamic mapping.
 */
enum JsonFieldMapping {
    /**
     * One {@code flattened} field: every leaf a keyword; never a mapping conflict. A value that is not
     * an object (or array of objects) goes to the text field {@code <name>__json} beside it.
     */
    FLATTENED,
    /** Dynamic {@code object} mapping: typed sub-fields, but a later value of another type for a key is rejected. */
    OBJECT,
    /** {@code enabled: false}: kept in {@code _source}, not indexed. */
    DISABLED,
    /** The JSON written as its text into a {@code text} field: full-text search; {@code _source} holds the string. */
    TEXT;

    static final JsonFieldMapping DEFAULT = FLATTENED;
    static final List<String> NAMES = Arrays.stream(values()).map(JsonFieldMapping::yamlName).toList();

    String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<JsonFieldMapping> of(String yamlName) {
        return Arrays.stream(values()).filter(m -> m.yamlName().equals(yamlName)).findFirst();
    }
}
