package io.syncline.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.config.TableName;
import io.syncline.daemon.SinkFactoryCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection blocks {@code syncline init} writes for {@code --sink TYPE=URL}. */
class InitSinksTest {
    private static final List<PipelineTemplate.View> VIEWS =
            List.of(new PipelineTemplate.View("orders", new TableName("public", "orders"), List.of(), List.of()));

    @Test
    void aHostNameWithAnUnderscoreIsKept() throws Exception {
        // java.net.URI gives no host for es_1 (not a DNS name), yet Docker service names often hold '_'.
        InitSinks sinks = build("elasticsearch=http://es_1:9200", "clickhouse=http://ch_1:8123/analytics");

        assertThat(sinks.sinks().get(0).connection())
                .containsEntry("url", "\"${SYNCLINE_ELASTICSEARCH_URL:-http://es_1:9200}\"");
        assertThat(sinks.sinks().get(1).connection())
                .containsEntry("url", "\"${SYNCLINE_CLICKHOUSE_URL:-http://ch_1:8123}\"")
                .containsEntry("database", "\"${SYNCLINE_CLICKHOUSE_DATABASE:-analytics}\"");
    }

    @Test
    void theCredentialsOfSuchAHostMoveToVariablesAsUsual() throws Exception {
        InitSinks sinks = build("clickhouse=http://reader:s%40cret@ch_1:8123");

        assertThat(sinks.sinks().get(0).connection())
                .containsEntry("url", "\"${SYNCLINE_CLICKHOUSE_URL:-http://ch_1:8123}\"")
                .containsEntry("user", "reader")
                .containsEntry("password", "\"${SYNCLINE_CLICKHOUSE_PASSWORD}\"");
        assertThat(sinks.secrets()).containsEntry("SYNCLINE_CLICKHOUSE_PASSWORD", "s@cret");
    }

    private static InitSinks build(String... arguments) throws InitFailure {
        SinkFactoryCatalog catalog = SinkFactoryCatalog.discover();
        List<SinkArgument> parsed = new ArrayList<>();
        for (String argument : arguments) {
            parsed.add(SinkArgument.parse(argument, catalog));
        }
        return InitSinks.build(parsed, VIEWS, "shop", catalog);
    }
}
