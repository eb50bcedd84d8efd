package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passwords, tokens and URL credentials never show in toString() or in any problem message. */
class SecretsTest {

    private static final String PASSWORD = "hunter2-pg";

    @Test
    void thePostgresPasswordIsMaskedInTheSpec() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL.replace("user: postgres}", "user: postgres, password: '${PGPASSWORD}'}"),
                Map.of("PGPASSWORD", PASSWORD));

        assertThat(spec.source().postgres().password().value()).isEqualTo(PASSWORD);
        assertThat(spec.toString()).doesNotContain(PASSWORD).contains("password=******");
    }

    @Test
    void secretConnectionValuesAndUrlPasswordsAreMaskedInTheSpec() throws Exception {
        PipelineSpec spec = Pipelines.load(Pipelines.MINIMAL
                .replace("connection: {url: \"http://127.0.0.1:9200\"}",
                        "connection: {url: \"http://elastic:es-pass-1@127.0.0.1:9200\", password: es-pass-2, apiKey: es-key-3, token: es-token-4}")
                .replace("tables: [public.orders]",
                        "tables: [public.orders]\n  debezium: {database.password: dbz-pass-5}")
                + "kafka:\n  properties: {sasl.jaas.config: jaas-pass-6, ssl.key.password: key-pass-7}\n");

        String printed = spec.toString();

        assertThat(printed).doesNotContain("es-pass-1", "es-pass-2", "es-key-3", "es-token-4", "dbz-pass-5", "jaas-pass-6", "key-pass-7");
        assertThat(printed).contains("url=http://elastic:******@127.0.0.1:9200", "apiKey=******", "database.password=******");
        assertThat(spec.sinks().get(0).connection()).containsEntry("password", "es-pass-2");
    }

    @Test
    void noProblemMessageShowsASecret() {
        String yaml = """
                name: shop
                source:
                  postgres: {host: 127.0.0.1, port: "${PGPASSWORD}", database: shop, user: postgres, password: "${PGPASSWORD}"}
                  tables: [public.orders]
                  snapshot: "${PGPASSWORD}"
                views:
                  - {name: orders, table: public.orders}
                sinks:
                  - name: search
                    type: clickhouse
                    connection: {url: "ftp://default:url-pass-9@127.0.0.1", database: x, password: "${PGPASSWORD}"}
                    views: [{view: orders, table: orders}]
                """;

        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(yaml, Map.of("PGPASSWORD", PASSWORD)));

        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath)
                .containsExactly("source.postgres.port", "source.snapshot", "sinks[0].connection.url");
        assertThat(thrown.problems()).allSatisfy(problem ->
                assertThat(problem.toString()).doesNotContain(PASSWORD, "url-pass-9").contains("******"));
        assertThat(thrown.getMessage()).doesNotContain(PASSWORD, "url-pass-9");
    }

    @Test
    void hashSaltsAreMaskedInTheSpecAndInProblemMessages() throws Exception {
        String salt = "pepper-77";
        String hash = "- hash: {fields: [email], salt: \"${SALT}\"}";

        PipelineSpec spec = Pipelines.load(withOrdersTransforms(hash), Map.of("SALT", salt));
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class, () -> Pipelines.load(
                withOrdersTransforms(hash, "- filter: \"note = '" + salt + "' +\""), Map.of("SALT", salt)));

        assertThat(((TransformSpec.Hash) spec.views().get(0).transforms().get(0)).salt().value()).isEqualTo(salt);
        assertThat(spec.toString()).doesNotContain(salt).contains("salt=******");
        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath).containsExactly("views[0].transforms[1].filter");
        assertThat(thrown.getMessage()).doesNotContain(salt).contains("in \"note = '******' +\": expected an expression");
    }

    /** The minimal pipeline with these transform items on its view. */
    private static String withOrdersTransforms(String... items) {
        StringBuilder view = new StringBuilder("  - name: orders\n    table: public.orders\n    transforms:\n");
        for (String item : items) {
            view.append("      ").append(item).append('\n');
        }
        return Pipelines.MINIMAL.replace("  - {name: orders, table: public.orders}\n", view);
    }
}
