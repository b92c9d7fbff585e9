package dev.gauntlet.harness.kind.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Headers as nginx 1.22.1 really sent them (NginxKindIT and a manual run). */
class NginxLabelerTest {

    private final NginxLabeler labeler = new NginxLabeler();

    private String label(int status, String addr, String statuses, String bytes) {
        return labeler.flags(new Answer(status, Map.of("x-gauntlet-upstream", addr, "x-gauntlet-upstream-status", statuses,
                "x-gauntlet-upstream-bytes", bytes), ""));
    }

    @Test
    void noServerTriedIsNhu() {
        assertThat(label(502, "api", "502", "0")).as("no live upstreams").isEqualTo("UH");
    }

    @Test
    void aFailedTryWithNoServerLeftIsAConnectFailure() {
        assertThat(label(502, "127.0.0.1:29003, api", "502, 502", "0, 0")).isEqualTo("UF");
        assertThat(label(502, "127.0.0.1:29001, 127.0.0.1:29002", "502, 502", "0, 0")).isEqualTo("UF");
    }

    @Test
    void nginxsOwnTimeoutIsUt() {
        assertThat(label(504, "127.0.0.1:29001", "504", "0")).isEqualTo("UT");
        assertThat(label(502, "127.0.0.1:29001, api", "504, 502", "0, 0")).as("timed out, none left").isEqualTo("UT");
    }

    @Test
    void aRetriedBackend5xxIsRetriesExhausted() {
        assertThat(label(503, "127.0.0.1:29001, 127.0.0.1:29002", "503, 503", "120, 120")).isEqualTo("URX");
    }

    @Test
    void aBackendsOwnAnswerHasNoFlag() {
        assertThat(label(200, "127.0.0.1:29001, 127.0.0.1:29002", "502, 200", "0, 156")).as("retried, then fine").isNull();
        assertThat(label(500, "127.0.0.1:29001", "500", "120")).as("a backend 500 not retried").isNull();
    }

    @Test
    void noRouteIsNr() {
        assertThat(labeler.flags(new Answer(404, Map.of("x-gauntlet-flags", "NR"), "no route"))).isEqualTo("NR");
    }
}
