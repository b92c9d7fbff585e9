package dev.gauntlet.harness.kind.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Envoy's event-log lines, as Envoy 1.40 wrote them in the IT, turned into view transitions. */
class EnvoyEventsTest {

    private static final String HOST = "\"host\":{\"socket_address\":{\"protocol\":\"TCP\",\"address\":\"127.0.0.1\",\"port_value\":21001,"
            + "\"resolver_name\":\"\",\"ipv4_compat\":false,\"network_namespace_filepath\":\"\"}},\"cluster_name\":\"api\"";

    private final EnvoyEvents events = new EnvoyEvents(Map.of("127.0.0.1:21001", "api-0")::get,
            Map.of("consecutive_5xx", 5, "consecutive_gateway_failure", 5));

    @Test
    void anEjectUnhealthyEventAfterRefusedChecksMakesTheEndpointUnusableStampedByEnvoy() {
        var t = events.accept("{\"health_checker_type\":\"HTTP\"," + HOST + ",\"eject_unhealthy_event\":"
                + "{\"failure_type\":\"NETWORK\",\"http_status_code\":0},\"timestamp\":\"2026-12-04T16:17:33.890Z\"}").orElseThrow();
        assertThat(t.event().endpoint()).as("ip:port mapped to the topology id").isEqualTo("api-0");
        assertThat(t.event().usable()).isFalse();
        assertThat(t.event().state()).isEqualTo("unhealthy");
        assertThat(t.event().tUs()).as("Envoy's own wall-clock stamp, in the run's time base")
                .isEqualTo(dev.gauntlet.harness.fault.Micros.fromEpochUs(1_796_401_053_890_000L));
        assertThat(t.mechanism()).isEqualTo(Mechanism.ACTIVE_CHECK);
        assertThat(t.detail()).as("Envoy cannot tell refused from reset").isEqualTo("refused or reset");
        assertThat(t.event().mechanism()).as("view.jsonl's mechanism").isEqualTo("active_check");
        assertThat(t.event().detail()).as("view.jsonl's detail").isEqualTo("refused or reset");
    }

    @Test
    void aNonExpectedStatusIsAnActiveFailureWithItsStatusAndATimeoutIsATimeout() {
        var status = events.accept("{" + HOST + ",\"eject_unhealthy_event\":{\"failure_type\":\"ACTIVE\",\"http_status_code\":500},"
                + "\"timestamp\":\"2026-12-04T16:17:35.772Z\"}").orElseThrow();
        assertThat(status.detail()).isEqualTo("status 500");
        assertThat(EnvoyEvents.failureDetail("NETWORK_TIMEOUT", 0)).isEqualTo("timeout");
    }

    @Test
    void failedChecksBelowTheThresholdAndTornLinesAreNotTransitions() {
        assertThat(events.accept("{" + HOST + ",\"timestamp\":\"2026-12-04T16:17:31.774Z\",\"health_check_failure_event\":"
                + "{\"failure_type\":\"NETWORK\",\"first_check\":false,\"http_status_code\":0}}")).as("a failure below U").isEmpty();
        assertThat(events.accept("{\"health_checker_type\":\"HT")).as("a torn line").isEmpty();
    }

    @Test
    void anEndpointBothUnhealthyAndEjectedIsUsableOnlyWhenBothHaveCleared() {
        events.accept("{" + HOST + ",\"eject_unhealthy_event\":{\"failure_type\":\"NETWORK\"},\"timestamp\":\"2026-12-04T16:17:40.000Z\"}");
        var ejected = events.accept("{\"type\":\"CONSECUTIVE_GATEWAY_FAILURE\",\"timestamp\":\"2026-12-04T16:17:46.785Z\","
                + "\"cluster_name\":\"api\",\"upstream_url\":\"127.0.0.1:21001\",\"action\":\"EJECT\",\"num_ejections\":1,"
                + "\"enforced\":true,\"eject_consecutive_event\":{}}").orElseThrow();
        assertThat(ejected.mechanism()).isEqualTo(Mechanism.OUTLIER_EJECTION);
        assertThat(ejected.detail()).isEqualTo("consecutive_gateway_failure=5");
        var passed = events.accept("{" + HOST + ",\"add_healthy_event\":{\"first_check\":false},\"timestamp\":\"2026-12-04T16:17:50.000Z\"}")
                .orElseThrow();
        assertThat(passed.event().usable()).as("still ejected").isFalse();
        assertThat(passed.event().state()).isEqualTo("ejected");
        var unejected = events.accept("{\"type\":\"CONSECUTIVE_GATEWAY_FAILURE\",\"timestamp\":\"2026-12-04T16:18:20.000Z\","
                + "\"cluster_name\":\"api\",\"upstream_url\":\"127.0.0.1:21001\",\"action\":\"UNEJECT\",\"num_ejections\":1}").orElseThrow();
        assertThat(unejected.event().usable()).isTrue();
        assertThat(unejected.event().reason()).isEqualTo("ejection_expired");
    }

    @Test
    void anEjectionEnvoyOnlyCountedLeavesTheHostInUse() {
        assertThat(events.accept("{\"type\":\"CONSECUTIVE_5XX\",\"timestamp\":\"2026-12-04T16:17:46.785Z\",\"cluster_name\":\"api\","
                + "\"upstream_url\":\"127.0.0.1:21001\",\"action\":\"EJECT\",\"num_ejections\":1,\"enforced\":false}")).isEmpty();
    }

    @Test
    void anUnejectReadBeforeTheEarlierPassingCheckOfTheOtherLogEndsUsableOnceSortedByStamp() {
        events.accept("{" + HOST + ",\"eject_unhealthy_event\":{\"failure_type\":\"NETWORK\"},\"timestamp\":\"2026-12-04T16:20:49.000Z\"}");
        events.accept("{\"type\":\"CONSECUTIVE_GATEWAY_FAILURE\",\"timestamp\":\"2026-12-04T16:20:49.902Z\",\"cluster_name\":\"api\","
                + "\"upstream_url\":\"127.0.0.1:21001\",\"action\":\"EJECT\",\"enforced\":true}");
        // as seen in a truth-table run: the outlier log handed over its UNEJECT (…383) before the health log its pass (…382)
        var uneject = events.parse("{\"type\":\"CONSECUTIVE_GATEWAY_FAILURE\",\"timestamp\":\"2026-12-04T16:21:01.383Z\","
                + "\"cluster_name\":\"api\",\"upstream_url\":\"127.0.0.1:21001\",\"action\":\"UNEJECT\"}").orElseThrow();
        var pass = events.parse("{" + HOST + ",\"add_healthy_event\":{},\"timestamp\":\"2026-12-04T16:21:01.382Z\"}").orElseThrow();
        var sorted = new java.util.ArrayList<>(java.util.List.of(uneject, pass));
        sorted.sort(java.util.Comparator.comparingLong(EnvoyEvents.Change::tUs));
        var first = events.apply(sorted.get(0));
        var last = events.apply(sorted.get(1));
        assertThat(first.event().usable()).as("passing checks, still ejected").isFalse();
        assertThat(last.event().usable()).as("the later stamp leaves it usable").isTrue();
        assertThat(last.event().tUs()).isGreaterThan(first.event().tUs());
    }
}
