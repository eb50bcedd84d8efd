package io.syncline.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text into {@link YamlNode}s and records where every key path sits. SnakeYAML only
 * composes the node graph (no object construction), so syntax errors keep their position and
 * duplicate keys can be reported here, at the second occurrence.
 */
final class YamlNodes {

    private final Problems problems;
    /** Nodes on the current path: an alias pointing back into its own ancestors would never end. */
    private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlNodes(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text is not YAML or holds no document (the problem is reported). */
    static Optional<YamlNode> parse(String text, Problems problems) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null || e.getContextMark() == null ? ""
                    : " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")";
            problems.add(location(mark), "", "YAML syntax error: " + e.getProblem() + context + flowHint(text, mark));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(Locations.Location.START, "", "YAML error: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            problems.add(Locations.Location.START, "", "the file holds no pipeline (it is empty)");
            return Optional.empty();
        }
        YamlNodes reader = new YamlNodes(problems);
        Locations.Location start = location(root.getStartMark());
        problems.locations().record("", start, start, root instanceof ScalarNode);
        return Optional.of(reader.convert(root, ""));
    }

    /** Braces end a plain value inside {@code {...}} and {@code [...]}: the common slip with {@code ${VAR}}. */
    private static String flowHint(String text, Mark mark) {
        if (mark == null) {
            return "";
        }
        String[] lines = text.split("\\R", -1);
        boolean referenceOnLine = mark.getLine() < lines.length && lines[mark.getLine()].contains("${");
        return referenceOnLine ? "; inside { } or [ ], quote values that use ${...}" : "";
    }

    private YamlNode convert(Node node, String path) {
        if (!ancestors.add(node)) {
            problems.at(path, "an alias refers to a value that contains it");
            return YamlNode.Scalar.of(null);
        }
        try {
            if (node instanceof MappingNode mapping) {
                return mapping(mapping, path);
            }
            if (node instanceof SequenceNode sequence) {
                return sequence(sequence, path);
            }
            ScalarNode scalar = (ScalarNode) node;
            return YamlNode.Scalar.of(Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue());
        } finally {
            ancestors.remove(node);
        }
    }

    private YamlNode mapping(MappingNode mapping, String path) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Locations.Location keyAt = location(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode key) || Tag.NULL.equals(key.getTag())) {
                problems.add(keyAt, path, "a key must be a plain name");
                continue;
            }
            String childPath = KeyPaths.child(path, key.getValue());
            Mark first = seen.putIfAbsent(key.getValue(), keyNode.getStartMark());
            if (first != null) {
                problems.add(keyAt, childPath, "duplicate key (first at line " + (first.getLine() + 1) + ")");
                continue;
            }
            Node value = tuple.getValueNode();
            problems.locations().record(childPath, keyAt, location(value.getStartMark()), value instanceof ScalarNode);
            entries.add(new YamlNode.Entry(key.getValue(), convert(value, childPath)));
        }
        return new YamlNode.Mapping(List.copyOf(entries));
    }

    private YamlNode sequence(SequenceNode sequence, String path) {
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String itemPath = KeyPaths.item(path, items.size());
            Locations.Location at = location(item.getStartMark());
            problems.locations().record(itemPath, at, at, item instanceof ScalarNode);
            items.add(convert(item, itemPath));
        }
        return new YamlNode.Sequence(List.copyOf(items));
    }

    private static Locations.Location location(Mark mark) {
        return mark == null ? Locations.Location.START : new Locations.Location(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
