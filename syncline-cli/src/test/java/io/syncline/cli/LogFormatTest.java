package io.syncline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SYNCLINE_LOG_FORMAT / --log-format pick the appender of the shipped log4j2.xml; json lines are JSON. */
class LogFormatTest {
    private static final Path CONFIG = Path.of("src/main/resources/log4j2.xml");

    @AfterEach
    void clearProperty() {
        System.clearProperty(LogFormat.PROPERTY);
    }

    @Test
    void theOptionBeatsTheEnvironmentAndTextIsTheDefault() {
        assertThat(LogFormat.choose(new String[] {"run"}, Map.of())).isEqualTo("text");
        assertThat(LogFormat.choose(new String[] {"run"}, Map.of(LogFormat.ENV, "json"))).isEqualTo("json");
        assertThat(LogFormat.choose(new String[] {"run"}, Map.of(LogFormat.ENV, " JSON "))).isEqualTo("json");
        assertThat(LogFormat.choose(new String[] {"--log-format=text", "run"}, Map.of(LogFormat.ENV, "json"))).isEqualTo("text");
        assertThat(LogFormat.choose(new String[] {"run", "--log-format", "json"}, Map.of())).isEqualTo("json");
        assertThat(LogFormat.choose(new String[] {"run"}, Map.of(LogFormat.ENV, "xml"))).isEqualTo("text");
        assertThat(LogFormat.problem(new String[] {"run"}, Map.of(LogFormat.ENV, "xml"))).contains("unknown log format 'xml'");
        assertThat(LogFormat.problem(new String[] {"run"}, Map.of(LogFormat.ENV, "json"))).isNull();
    }

    @Test
    void theCommandLineAcceptsTheOption() {
        assertThat(Main.commandLine().parseArgs("--log-format", "json", "validate", "-c", "x.yaml").hasMatchedOption("--log-format")).isTrue();
    }

    @Test
    void jsonSelectsTheEcsAppenderWhoseLinesAreJson() throws Exception {
        LogFormat.apply(new String[] {"run"}, Map.of(LogFormat.ENV, "json"));
        Appender appender = rootAppender("json-config");
        assertThat(appender.getName()).isEqualTo("json");
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("io.syncline.daemon.PipelineRuntime").setLevel(Level.WARN)
                .setMessage(new SimpleMessage("replication slot s retains \"12 MB\"\nof WAL")).setTimeMillis(0).build();
        String line = new String(appender.getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("log.level").asText()).isEqualTo("WARN");
        assertThat(json.path("message").asText()).isEqualTo("replication slot s retains \"12 MB\"\nof WAL");
        assertThat(json.path("log.logger").asText()).isEqualTo("io.syncline.daemon.PipelineRuntime");
        assertThat(json.path("service.name").asText()).isEqualTo("syncline");
        assertThat(json.has("@timestamp")).isTrue();
    }

    @Test
    void textStaysTheDefault() {
        LogFormat.apply(new String[] {"run"}, Map.of());
        Appender appender = rootAppender("text-config");
        assertThat(appender.getName()).isEqualTo("text");
        assertThat(appender.getLayout().getClass().getSimpleName()).isEqualTo("PatternLayout");
    }

    /** The root logger's one appender, with the shipped configuration read now (its lookups resolved now). */
    private static Appender rootAppender(String name) {
        LoggerContext context = new LoggerContext(name, null, CONFIG.toUri());
        try {
            context.start();
            var appenders = context.getConfiguration().getRootLogger().getAppenders();
            assertThat(appenders).hasSize(1);
            return appenders.values().iterator().next();
        } finally {
            context.stop();
        }
    }
}
