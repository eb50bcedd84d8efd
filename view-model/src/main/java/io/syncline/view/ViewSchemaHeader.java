package io.syncline.view;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The header the view stage puts on every view record: the version of the view's schema it was
 * made with ({@link PublishedSchema#version()}), so a sink that has not read that schema yet from
 * the schemas topic stops before the record instead of writing it with an older schema.
 */
public final class ViewSchemaHeader {
    public static final String NAME = "syncline.view.schema";

    private ViewSchemaHeader() {
    }

    public static byte[] encode(long version) {
        return Long.toString(version).getBytes(StandardCharsets.UTF_8);
    }

    /** The version in a header's value; empty for none, or one that is not a version. */
    public static OptionalLong decode(byte[] value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
