package dev.gauntlet.harness.kind.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers as Caddy 2.11.9 made them (CaddyKindIT and a manual run). */
class CaddyLabelerTest {

    private final CaddyLabeler labeler = new CaddyLabeler();

    private String label(int status, String error) {
        return labeler.flags(new Answer(status, Map.of("x-gauntlet-error", error), ""));
    }

    @Test
    void noUpstreamsAvailableIsNhu() {
        assertThat(label(503, "no upstreams available")).isEqualTo("UH");
    }

    @Test
    void aRefusedDialIsAConnectFailure() {
        assertThat(label(502, "dial tcp 127.0.0.1:29001: connect: connection refused")).isEqualTo("UF");
    }

    @Test
    void aTimeoutIsUt() {
        assertThat(label(504, "net/http: timeout awaiting response headers")).isEqualTo("UT");
    }

    @Test
    void aBackendsAnswerAndNoRoute() {
        assertThat(labeler.flags(new Answer(500, Map.of("x-backend-id", "api-0"), "boom"))).as("a backend 500").isNull();
        assertThat(labeler.flags(new Answer(404, Map.of("x-gauntlet-flags", "NR"), "no route"))).isEqualTo("NR");
    }
}
