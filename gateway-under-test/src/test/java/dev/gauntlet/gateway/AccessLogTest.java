package dev.gauntlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.gateway.proxy.ProxyObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void writesOneLinePerRequestWithFlagAndDuration() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AccessLog log = new AccessLog(() -> true, sink)) {
            log.log(new ProxyObserver.RequestRecord("GET", "/api/items", "127.0.0.1", null, 503, "UH", null, 0,
                    1_767_225_600_123L, 2_310_000L));
            await().atMost(Duration.ofSeconds(2)).until(() -> sink.size() > 0);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).as("line")
                .isEqualTo("2026-01-01T00:00:00.123Z access GET /api/items 503 UH - - attempts=0 2.310ms from=127.0.0.1\n");
    }

    @Test
    void writesNothingWhenDisabled() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AccessLog log = new AccessLog(() -> false, sink)) {
            log.log(new ProxyObserver.RequestRecord("GET", "/", "127.0.0.1", null, 200, null, null, 1, 0, 0));
        }
        assertThat(sink.size()).as("bytes written").isZero();
    }
}
