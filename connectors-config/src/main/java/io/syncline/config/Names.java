package io.syncline.config;

import java.util.regex.Pattern;

/**
 * The name rules of pipeline files: pipeline, view and sink names, PostgreSQL identifiers, Kafka topic
 * prefixes, and the field names and paths of joins and transforms.
 */
final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern POSTGRES_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** PostgreSQL truncates identifiers past NAMEDATALEN - 1 bytes. */
    private static final int POSTGRES_IDENTIFIER_MAX = 63;
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[a-zA-Z0-9._-]+");
    /** Kafka allows 249 characters; leave room for {@code .view.<view>} and the like after the prefix. */
    private static final int TOPIC_PREFIX_MAX = 200;

    /** A field of a document: a join's name, a computed field, a rename's new name. */
    private static final String FIELD_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern FIELD_NAME_PATTERN = Pattern.compile(FIELD_NAME);
    /** A field inside joined objects: {@code customer.email}. */
    private static final Pattern FIELD_PATH_PATTERN = Pattern.compile(FIELD_NAME + "(\\." + FIELD_NAME + ")*");

    private Names() {
    }

    /** Reports a bad pipeline, view or sink name; true when it is good. */
    static boolean checkName(String name, String path, Problems problems) {
        if (name == null) {
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            problems.at(path, "'" + name + "' is not a valid name: use lower-case letters, digits, '_' and '-'");
            return false;
        }
        return true;
    }

    /** The default slot of a pipeline: {@code syncline_<name>} with '-' as '_'. */
    static String defaultSlot(String pipelineName) {
        return pipelineName == null ? null : "syncline_" + pipelineName.replace('-', '_');
    }

    static void checkPostgresIdentifier(String value, boolean derived, String path, Problems problems) {
        if (value == null) {
            return;
        }
        String what = derived ? "the default '" + value + "' (from name; set " + path + ")" : "'" + value + "'";
        if (!POSTGRES_IDENTIFIER.matcher(value).matches()) {
            problems.at(path, what + " is not a PostgreSQL identifier: use lower-case letters, digits and '_',"
                    + " starting with a letter or '_'");
        } else if (value.length() > POSTGRES_IDENTIFIER_MAX) {
            problems.at(path, what + " is longer than " + POSTGRES_IDENTIFIER_MAX + " characters");
        }
    }

    static void checkTopicPrefix(String value, String path, Problems problems) {
        if (value == null) {
            return;
        }
        if (!TOPIC_CHARACTERS.matcher(value).matches()) {
            problems.at(path, "'" + value + "' is not a valid Kafka topic prefix: use letters, digits, '.', '_' and '-'");
        } else if (value.length() > TOPIC_PREFIX_MAX) {
            problems.at(path, "is longer than " + TOPIC_PREFIX_MAX + " characters");
        }
    }

    static boolean isFieldName(String name) {
        return FIELD_NAME_PATTERN.matcher(name).matches();
    }

    static String notAFieldName(String name) {
        return "'" + name + "' is not a valid field name: use letters, digits and '_', starting with a letter or '_'";
    }

    static boolean isFieldPath(String path) {
        return FIELD_PATH_PATTERN.matcher(path).matches();
    }

    static String notAFieldPath(String path) {
        return "'" + path + "' is not a field path: write field names (letters, digits and '_', starting with a letter"
                + " or '_') separated by '.', e.g. customer.email";
    }
}
