package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaproxyLabelerTest {

    private final HaproxyLabeler labeler = new HaproxyLabeler();
    private static final String PAGE = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>";

    @Test
    void theHeaderTheConfigAddsDecides() {
        assertThat(labeler.flags(new Answer(503, Map.of("x-gauntlet-flags", "UF"), PAGE))).as("header wins").isEqualTo("UF");
        assertThat(labeler.flags(new Answer(504, Map.of("x-gauntlet-flags", "UT"), ""))).as("timeout").isEqualTo("UT");
    }

    @Test
    void haproxysNoServerPageWithoutTheHeaderIsNhu() {
        assertThat(labeler.flags(new Answer(503, Map.of(), PAGE))).as("NHU page").isEqualTo("UH");
    }

    @Test
    void aBackendsOwnAnswerHasNoFlag() {
        assertThat(labeler.flags(new Answer(200, Map.of("x-backend-id", "api-0"), ""))).as("ok").isNull();
        assertThat(labeler.flags(new Answer(503, Map.of("x-backend-id", "api-0"), "busy"))).as("backend 503").isNull();
    }
}
