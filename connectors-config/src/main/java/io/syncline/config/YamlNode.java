package io.syncline.config;

import java.util.List;

/**
 * A YAML value as the binder sees it: a scalar's text, a mapping's entries in file order, a
 * list's items. Locations are kept apart, by key path, in {@link Locations}.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** What the node is, for "expected a list, got a mapping" messages. */
    String kind();

    /**
     * A scalar. {@code text} is null for YAML null ({@code ~}, {@code null}, nothing).
     * {@code unresolved}: interpolation failed and was reported, so the value is neither used nor
     * reported again.
     */
    record Scalar(String text, boolean unresolved) implements YamlNode {
        static Scalar of(String text) {
            return new Scalar(text, false);
        }

        /** Null or empty: counts as a key that is not there. */
        boolean isEmpty() {
            return text == null || text.isEmpty();
        }

        @Override
        public String kind() {
            return "a single value";
        }
    }

    record Mapping(List<Entry> entries) implements YamlNode {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, YamlNode value) {
    }

    record Sequence(List<YamlNode> items) implements YamlNode {
        @Override
        public String kind() {
            return "a list";
        }
    }
}
