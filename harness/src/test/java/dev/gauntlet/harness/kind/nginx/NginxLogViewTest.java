package dev.gauntlet.harness.kind.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.report.run.ViewEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Log lines as nginx 1.22.1 wrote them (NginxKindIT's run directory). */
class NginxLogViewTest {

    private static final long S = 1796401040L; // 2026/12/04 16:17:20 UTC
    private final List<ViewEvent> events = new ArrayList<>();
    private NginxLogView view;

    @BeforeEach
    void view() throws Exception {
        NginxTranslation t = NginxTranslation.of(new ObjectMapper().readTree("""
                {"clusters":[{"name":"api","endpoints":[{"name":"api-0","address":"127.0.0.1:29001"},
                  {"name":"api-1","address":"127.0.0.1:29002"}],"outlierDetection":{"consecutiveGatewayFailure":3,"baseEjectionTime":"2s"}}]}"""));
        ViewSink sink = new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                events.add(event);
            }

            @Override
            public void gap(long fromUs, String why) {
            }
        };
        view = new NginxLogView(t, sink, UnaryOperator.identity(), Clock.fixed(Instant.ofEpochSecond(S), ZoneOffset.UTC));
        view.snapshot(S * 1_000_000L);
    }

    private static String error(String message) {
        return "2026/12/04 16:17:20 [error] 18815#18815: *17 " + message + " while connecting to upstream, client: "
                + "127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:29001/\", host: \"127.0.0.1:28080\"";
    }

    private static String disabled() {
        return "2026/12/04 16:17:20 [warn] 18815#18815: *17 upstream server temporarily disabled while connecting to "
                + "upstream, client: 127.0.0.1, server: , request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:29001/\", "
                + "host: \"127.0.0.1:28080\"";
    }

    @Test
    void snapshotsEveryServerUsable() {
        assertThat(events).extracting(ViewEvent::reason).containsExactly("snapshot", "snapshot");
        assertThat(view.usable()).containsEntry("api-0", true).containsEntry("api-1", true);
    }

    @Test
    void aDisabledLineIsAnEjectionStampedNoLaterThanItsSecondsEnd() {
        long readLate = Micros.fromEpochUs(S * 1_000_000L + 5_000_000L);
        view.onErrorLine(error("connect() failed (111: Connection refused)"), readLate);
        view.onErrorLine(disabled(), readLate);
        ViewEvent e = events.get(events.size() - 1);
        assertThat(e.endpoint()).isEqualTo("api-0");
        assertThat(e.usable()).isFalse();
        assertThat(e.reason()).isEqualTo("outlier_ejected");
        assertThat(e.mechanism()).isEqualTo("outlier_ejection");
        assertThat(e.detail()).as("the cause the same connection logged").isEqualTo("refused; max_fails=3");
        assertThat(e.tUs()).as("the end of the logged second, read later")
                .isEqualTo(Micros.fromEpochUs((S + 1) * 1_000_000L));
        view.onErrorLine(disabled(), Micros.fromEpochUs(S * 1_000_000L + 300_000L));
        assertThat(events).as("a second disable while unusable changes nothing").hasSize(3);
    }

    @Test
    void aLineReadWithinItsSecondIsStampedWhenRead() {
        view.onErrorLine(disabled(), Micros.fromEpochUs(S * 1_000_000L + 300_000L));
        assertThat(events.get(2).tUs()).isEqualTo(Micros.fromEpochUs(S * 1_000_000L + 300_000L));
    }

    @Test
    void comesBackOnAnAnswerAfterFailTimeoutNotBefore() {
        view.onErrorLine(disabled(), Micros.fromEpochUs(S * 1_000_000L + 300_000L));
        view.onAccessLine("{\"t\":" + (S + 1) + ".500,\"rt\":0.002,\"status\":200,\"ua\":\"127.0.0.1:29001\",\"us\":\"200\",\"ub\":\"156\",\"conn\":3}");
        assertThat(view.usable()).as("an answer inside fail_timeout (a request already in flight)").containsEntry("api-0", false);
        view.onAccessLine("{\"t\":" + (S + 3) + ".010,\"rt\":0.002,\"status\":200,\"ua\":\"127.0.0.1:29001, 127.0.0.1:29002\",\"us\":\"502, 200\",\"ub\":\"0, 156\",\"conn\":4}");
        assertThat(view.usable()).as("a failed trial").containsEntry("api-0", false);
        view.onAccessLine("{\"t\":" + (S + 3) + ".020,\"rt\":0.002,\"status\":200,\"ua\":\"127.0.0.1:29001\",\"us\":\"200\",\"ub\":\"156\",\"conn\":5}");
        ViewEvent back = events.get(events.size() - 1);
        assertThat(back.usable()).isTrue();
        assertThat(back.tUs()).as("stamped at the answer's end").isEqualTo(Micros.fromEpochUs((S + 3) * 1_000_000L + 20_000L));
    }

    @Test
    void namesTheCauseOfAFailedTry() {
        assertThat(NginxLogView.cause("connect() failed (111: Connection refused)")).isEqualTo("refused");
        assertThat(NginxLogView.cause("upstream timed out (110: Connection timed out)")).isEqualTo("timeout");
        assertThat(NginxLogView.cause("upstream prematurely closed connection")).isEqualTo("reset");
        assertThat(NginxLogView.cause("no live upstreams")).isNull();
    }
}
