package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    /** The minimal pipeline with {@code stateDir} set to the given YAML value (on line 1, column 11). */
    private static PipelineSpec withStateDir(String value, Map<String, String> environment) throws InvalidPipelineException {
        return Pipelines.load("stateDir: " + value + "\n" + Pipelines.MINIMAL, environment);
    }

    private static List<ConfigProblem> problemsWithStateDir(String value, Map<String, String> environment) {
        return catchThrowableOfType(InvalidPipelineException.class, () -> withStateDir(value, environment)).problems();
    }

    @Test
    void anUnsetVariableTakesItsDefault() throws Exception {
        assertThat(withStateDir("${STATE:-/var/lib/syncline}", Map.of()).stateDir()).isEqualTo("/var/lib/syncline");
    }

    @Test
    void aSetButEmptyVariableTakesItsDefaultLikeAShell() throws Exception {
        assertThat(withStateDir("${STATE:-./state}", Map.of("STATE", "")).stateDir()).isEqualTo("./state");
    }

    @Test
    void aSetVariableWinsOverItsDefault() throws Exception {
        assertThat(withStateDir("${STATE:-./state}", Map.of("STATE", "/data")).stateDir()).isEqualTo("/data");
        assertThat(withStateDir("${STATE}", Map.of("STATE", "/data")).stateDir()).isEqualTo("/data");
    }

    @Test
    void referencesMixWithTextAndQuotes() throws Exception {
        assertThat(withStateDir("\"${ROOT}/${NAME:-shop}-state\"", Map.of("ROOT", "/srv")).stateDir())
                .isEqualTo("/srv/shop-state");
    }

    @Test
    void anEmptyDefaultGivesAnEmptyValue() throws Exception {
        assertThat(withStateDir("x${SUFFIX:-}", Map.of()).stateDir()).isEqualTo("x");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAProblemNamingIt() {
        assertThat(problemsWithStateDir("${STATE_DIR}/x", Map.of("OTHER", "1"))).containsExactly(new ConfigProblem(
                "test.yaml", 1, 11, "stateDir",
                "environment variable STATE_DIR is not set (use ${STATE_DIR:-default} to give a default)"));
    }

    @Test
    void everyUnsetVariableOfOneValueIsReported() {
        assertThat(problemsWithStateDir("${A}/${B}", Map.of())).extracting(ConfigProblem::message)
                .containsExactly("environment variable A is not set (use ${A:-default} to give a default)",
                        "environment variable B is not set (use ${B:-default} to give a default)");
    }

    @Test
    void doubleDollarEscapesALiteralReference() throws Exception {
        assertThat(withStateDir("$${HOME}/$$x/$y", Map.of("HOME", "/root")).stateDir()).isEqualTo("${HOME}/$$x/$y");
    }

    @Test
    void anUnterminatedReferenceIsAProblem() {
        assertThat(problemsWithStateDir("${HOME", Map.of())).extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stateDir", "unterminated '${' (write '$${' for a literal '${')"));
    }

    @Test
    void aReferenceMustNameAVariable() {
        assertThat(problemsWithStateDir("${1X}", Map.of())).extracting(ConfigProblem::message)
                .singleElement().asString().startsWith("'${1X}' does not name an environment variable");
    }

    @Test
    void anUnresolvedRequiredValueIsNotAlsoReportedAsMissing() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(Pipelines.MINIMAL.replace("host: 127.0.0.1", "host: '${DB_HOST}'")));

        assertThat(thrown.problems()).extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::keyPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 20, "source.postgres.host"));
    }

    @Test
    void anUnresolvedConnectionValueIsNotAlsoReportedByTheSinkType() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(Pipelines.MINIMAL.replace("http://127.0.0.1:9200", "${ES_URL}")));

        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sinks[0].connection.url",
                        "environment variable ES_URL is not set (use ${ES_URL:-default} to give a default)"));
    }

    @Test
    void anUnquotedReferenceInsideBracesGetsAHint() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(Pipelines.MINIMAL.replace("host: 127.0.0.1", "host: ${DB_HOST:-db}")));

        assertThat(thrown.problems()).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "YAML syntax error: expected ',' or '}', but got {"
                        + " (while parsing a flow mapping at line 3); inside { } or [ ], quote values that use ${...}"));
    }

    @Test
    void keysAreNotInterpolated() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load("${KEY}: x\n" + Pipelines.MINIMAL, Map.of("KEY", "stateDir")));

        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath).containsExactly("${KEY}");
    }
}
