package io.syncline.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code source.replicaIdentity: {schema.table: full}}: the user lets Syncline run {@code ALTER TABLE
 * ... REPLICA IDENTITY FULL} (or {@code DEFAULT}) on a captured table before publishing it, as
 * Debezium's {@code replica.identity.autoset.values} does. Without this consent Syncline never
 * changes a table's REPLICA IDENTITY; {@code where} is the entry in the file.
 */
public record ReplicaIdentityConsent(TableName table, Identity identity, SourceRef where) {

    /** The identities a user may consent to. */
    public enum Identity {
        /** Old values of every column in updates and deletes; works without a primary key. */
        FULL("full"),
        /** The primary key's old values; needs a primary key. */
        DEFAULT("default");

        private final String yamlName;

        Identity(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        /** As ALTER TABLE writes it: {@code FULL}, {@code DEFAULT}. */
        public String sql() {
            return name();
        }

        public static List<String> yamlNames() {
            return List.of(FULL.yamlName, DEFAULT.yamlName);
        }

        static Identity ofYamlName(String text) {
            for (Identity identity : values()) {
                if (identity.yamlName.equals(text)) {
                    return identity;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }

    public ReplicaIdentityConsent {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(identity, "identity");
        where = where == null ? SourceRef.UNKNOWN : where;
    }
}
