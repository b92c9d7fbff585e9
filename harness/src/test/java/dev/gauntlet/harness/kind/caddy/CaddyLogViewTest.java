package dev.gauntlet.harness.kind.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.report.run.ViewEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lines as Caddy 2.11.9 wrote them to caddy-view.log. */
class CaddyLogViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ViewEvent> events = new ArrayList<>();
    private CaddyLogView view;

    @BeforeEach
    void view() throws Exception {
        CaddyTranslation t = CaddyTranslation.of(JSON.readTree("""
                {"clusters":[{"name":"api","endpoints":[{"name":"api-0","address":"127.0.0.1:29001"},
                  {"name":"api-1","address":"127.0.0.1:29002"}],
                  "healthCheck":{"unhealthyThreshold":2},"outlierDetection":{"consecutiveGatewayFailure":3,"consecutive5xx":0}}]}"""));
        view = new CaddyLogView(t, new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                events.add(event);
            }

            @Override
            public void gap(long fromUs, String why) {
            }
        }, UnaryOperator.identity(), Clock.systemUTC());
        view.snapshot(1L);
    }

    @Test
    void anUnhealthyEventIsStampedByCaddyWithTheCheckersCause() {
        view.onLogLine("{\"level\":\"info\",\"ts\":1796401896.8335378,\"logger\":\"http.handlers.reverse_proxy.health_checker.active\","
                + "\"msg\":\"HTTP request failed\",\"host\":\"127.0.0.1:29001\",\"error\":\"Get \\\"http://127.0.0.1:29001/\\\": dial tcp "
                + "127.0.0.1:29001: connect: connection refused\"}", true);
        view.onLogLine("{\"level\":\"debug\",\"ts\":1796401896.8335948,\"logger\":\"events\",\"msg\":\"event\",\"name\":\"unhealthy\","
                + "\"id\":\"e2b8\",\"origin\":\"http.handlers.reverse_proxy\",\"data\":{\"host\":\"127.0.0.1:29001\"}}", true);
        ViewEvent e = events.get(events.size() - 1);
        assertThat(e.endpoint()).isEqualTo("api-0");
        assertThat(e.usable()).isFalse();
        assertThat(e.reason()).isEqualTo("active_hc_failed");
        assertThat(e.tUs()).as("Caddy's own stamp, in the run's time base").isEqualTo(Micros.fromEpochUs(1796401896833595L));
        assertThat(e.flags()).containsExactly("failed_active_hc");
        assertThat(e.mechanism()).isEqualTo("active_check");
        assertThat(e.detail()).isEqualTo("refused; health_fails=2 (failed checks since the last flip: 1)");
    }

    @Test
    void passiveFailsCrossingMaxFailsEjectAndAgeOut() throws Exception {
        view.onUpstreams(JSON.readTree("[{\"address\":\"127.0.0.1:29001\",\"num_requests\":0,\"fails\":2}]"), 10L, true);
        assertThat(events).as("below max_fails").hasSize(2);
        view.onUpstreams(JSON.readTree("[{\"address\":\"127.0.0.1:29001\",\"num_requests\":0,\"fails\":3}]"), 20L, true);
        assertThat(events.get(2).reason()).isEqualTo("outlier_ejected");
        assertThat(events.get(2).mechanism()).isEqualTo("outlier_ejection");
        assertThat(events.get(2).tUs()).isEqualTo(20L);
        view.onUpstreams(JSON.readTree("[{\"address\":\"127.0.0.1:29001\",\"num_requests\":0,\"fails\":0}]"), 30L, true);
        assertThat(events.get(3).reason()).isEqualTo("ejection_expired");
        assertThat(events.get(3).usable()).isTrue();
    }

    @Test
    void namesCauses() {
        assertThat(CaddyLogView.cause("dial tcp 127.0.0.1:1: connect: connection refused")).isEqualTo("refused");
        assertThat(CaddyLogView.cause("Get \"http://x/health\": context deadline exceeded (Client.Timeout exceeded)"))
                .isEqualTo("timeout");
    }
}
