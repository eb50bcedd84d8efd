package io.syncline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code http:}: on by default on loopback, address and token bound, a token required off loopback. */
class HttpConfigTest {

    @Test
    void leftOutItListensOnLoopbackAtTheDefaultPortWithoutAToken() throws Exception {
        HttpSpec http = Pipelines.load(Pipelines.MINIMAL).http();

        assertThat(http).isEqualTo(new HttpSpec(true, "127.0.0.1", 9464, new Secret("")));
        assertThat(http.hasToken()).isFalse();
    }

    @Test
    void bindsAddressTokenAndEnabled() throws Exception {
        HttpSpec http = Pipelines.load(Pipelines.MINIMAL + """
                http: {address: "0.0.0.0:9100", token: "${TOKEN}"}
                """, Map.of("TOKEN", "s3cret")).http();

        assertThat(http.host()).isEqualTo("0.0.0.0");
        assertThat(http.port()).isEqualTo(9100);
        assertThat(http.token().value()).isEqualTo("s3cret");
        assertThat(http.toString()).doesNotContain("s3cret");
        assertThat(Pipelines.load(Pipelines.MINIMAL + "http: {enabled: false}\n").http().enabled()).isFalse();
        assertThat(Pipelines.load(Pipelines.MINIMAL + "http: {address: \"127.0.0.1:0\"}\n").http().port()).isZero();
        assertThat(Pipelines.load(Pipelines.MINIMAL + "http: {address: \"[::1]:9464\"}\n").http())
                .extracting(HttpSpec::host, HttpSpec::loopback).containsExactly("::1", true);
        assertThat(Pipelines.load(Pipelines.MINIMAL + "http: {address: \"localhost:9464\"}\n").http().loopback()).isTrue();
    }

    @Test
    void anAddressOffLoopbackNeedsAToken() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class,
                () -> Pipelines.load(Pipelines.MINIMAL + "http: {address: \"0.0.0.0:9464\"}\n"));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath).containsExactly("http.address");
        assertThat(thrown.problems().get(0).message()).contains("not a loopback address", "http.token is required");
    }

    @Test
    void offLoopbackButSwitchedOffNeedsNoToken() throws Exception {
        assertThat(Pipelines.load(Pipelines.MINIMAL + "http: {enabled: false, address: \"0.0.0.0:9464\"}\n").http().enabled())
                .isFalse();
    }

    @Test
    void reportsAddressesThatAreNotHostAndPort() {
        InvalidPipelineException thrown = catchThrowableOfType(InvalidPipelineException.class, () -> Pipelines.load(
                Pipelines.MINIMAL + """
                http: {address: "9464", enabled: maybe, tokn: x}
                """));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problems()).extracting(ConfigProblem::keyPath).containsExactlyInAnyOrder(
                "http.address", "http.enabled", "http.tokn");
        assertThat(catchThrowableOfType(InvalidPipelineException.class, () -> Pipelines.load(
                Pipelines.MINIMAL + "http: {address: \"127.0.0.1:70000\"}\n")).problems())
                .extracting(ConfigProblem::keyPath, ConfigProblem::message)
                .containsExactly(tuple("http.address", "the port must be a whole number from 0 to 65535 (0: any free port), got '70000'"));
    }
}
