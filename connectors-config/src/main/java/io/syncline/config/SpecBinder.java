package io.syncline.config;

import io.syncline.config.schema.PipelineModel;
import java.util.Optional;

/**
 * Binds the interpolated YAML tree to a {@link PipelineSpec}, reporting every problem. A value that
 * cannot be bound is left null (or at its default, for numbers), so binding goes on; the spec is
 * only handed out when {@link Problems} stayed empty, and {@link PipelineValidator} skips null parts.
 */
final class SpecBinder {


    private final Problems problems;
    private final SourceBinder sources;
    private final ViewBinder views;
    private final SinkBinder sinks;

    SpecBinder(Problems problems, SinkCatalog catalog) {
        this.problems = problems;
        this.sources = new SourceBinder(problems);
        this.views = new ViewBinder(problems);
        this.sinks = new SinkBinder(problems, catalog);
    }

    PipelineSpec bind(YamlNode root) {
        MappingReader pipeline = MappingReader.of(root, "", problems, PipelineModel.PIPELINE);
        String name = pipeline.requiredString("name");
        String validName = Names.checkName(name, pipeline.pathOf("name"), problems) ? name : null;
        SourceSpec source = pipeline.requiredMapping("source", PipelineModel.SOURCE)
                .map(reader -> sources.bind(reader, validName)).orElse(null);
        return new PipelineSpec(name, pipeline.string("stateDir"), source,
                kafka(pipeline.mapping("kafka", PipelineModel.KAFKA), validName), views.bind(pipeline), sinks.bind(pipeline),
                http(pipeline.mapping("http", PipelineModel.HTTP), problems));
    }

    /** The {@code http} section of {@code root}, a mapping that holds nothing else. */
    static HttpSpec bindHttp(YamlNode root, Problems problems) {
        return http(MappingReader.of(root, "", problems, PipelineModel.PIPELINE).mapping("http", PipelineModel.HTTP), problems);
    }

    /** {@code http:}: {@code address} is {@code host:port} (IPv6 in brackets); the port may be 0 (any free one). */
    private static HttpSpec http(MappingReader http, Problems problems) {
        boolean enabled = http.bool("enabled");
        String address = http.string("address");
        Secret token = new Secret(http.string("token"));
        String path = http.pathOf("address");
        int colon = address == null ? -1 : address.lastIndexOf(':');
        String host = colon < 0 ? null : address.substring(0, colon).strip();
        if (host != null && host.startsWith("[") != host.endsWith("]")) {
            host = null;
        }
        Integer port = null;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                port = null;
            }
        }
        if (host == null || host.isEmpty() || (host.indexOf(':') >= 0 && !host.startsWith("["))) {
            problems.at(path, "expected host:port (e.g. 127.0.0.1:" + HttpSpec.DEFAULT_PORT + ", 0.0.0.0:"
                    + HttpSpec.DEFAULT_PORT + " or [::1]:" + HttpSpec.DEFAULT_PORT + "), got '" + address + "'");
            return new HttpSpec(enabled, HttpSpec.DEFAULT_HOST, HttpSpec.DEFAULT_PORT, token);
        }
        if (port == null || port < 0 || port > 65535) {
            problems.at(path, "the port must be a whole number from 0 to 65535 (0: any free port), got '"
                    + address.substring(colon + 1).strip() + "'");
            return new HttpSpec(enabled, host, HttpSpec.DEFAULT_PORT, token);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HttpSpec(enabled, host, port, token);
    }

    private KafkaSpec kafka(MappingReader kafka, String pipelineName) {
        String topicPrefix = kafka.string("topicPrefix", pipelineName);
        Names.checkTopicPrefix(topicPrefix, kafka.pathOf("topicPrefix"), problems);
        return new KafkaSpec(Optional.ofNullable(kafka.string("bootstrapServers", null)), topicPrefix,
                kafka.integer("partitions"),
                (short) kafka.integer("replicationFactor"), kafka.duration("tombstoneRetention"), kafka.stringMap("properties"));
    }
}
