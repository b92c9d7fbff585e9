package dev.gauntlet.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.config.GatewaySpec;
import dev.gauntlet.gateway.config.OutlierConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
    private final FakeClock clock = new FakeClock();
    private final VirtualScheduler scheduler = new VirtualScheduler(clock);
    private final List<TransitionEvent> events = new ArrayList<>();
    private final List<EndpointHealth> members = new ArrayList<>();
    private final AtomicReference<OutlierConfig> config = new AtomicReference<>(OutlierConfig.from(null));
    private final OutlierDetector detector = new OutlierDetector(config::get, () -> members, clock, scheduler, new Random(3));

    private EndpointHealth endpoint(String name) {
        EndpointHealth h = new EndpointHealth("api", name, "127.0.0.1:" + (members.size() + 1), clock, events::add);
        members.add(h);
        return h;
    }

    private void times(int n, EndpointHealth h, PassiveOutcome o) {
        for (int i = 0; i < n; i++) {
            detector.record(h, o);
        }
    }

    @Test
    void ejectsAfterFiveConsecutive5xx() {
        EndpointHealth a = endpoint("a");
        endpoint("b");
        times(4, a, PassiveOutcome.SERVER_ERROR);
        assertThat(a.state()).as("after four 5xx").isEqualTo(EndpointState.HEALTHY);
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        assertThat(a.state()).as("after five 5xx").isEqualTo(EndpointState.EJECTED);
        assertThat(events.get(0).reason()).as("reason").isEqualTo(TransitionReason.OUTLIER_EJECTED);
        assertThat(events.get(0).flags()).as("flags").containsExactly("failed_outlier_check");
        assertThat(events.get(0).mechanism()).as("mechanism").isEqualTo(Mechanism.OUTLIER_EJECTION);
        assertThat(events.get(0).detail()).as("the counter that tripped").isEqualTo("consecutive_5xx=5");
    }

    @Test
    void anEjectionByGatewayFailuresNamesThatCounter() {
        config.set(spec(10, 3, "30s", "300s", "0ms", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        times(3, a, PassiveOutcome.LOCAL_FAILURE);
        assertThat(events).as("one ejection").hasSize(1);
        assertThat(events.get(0).detail()).as("detail").isEqualTo("consecutive_gateway_failure=3");
    }

    @Test
    void aSuccessResetsTheCount() {
        EndpointHealth a = endpoint("a");
        endpoint("b");
        times(4, a, PassiveOutcome.SERVER_ERROR);
        detector.record(a, PassiveOutcome.SUCCESS);
        times(4, a, PassiveOutcome.SERVER_ERROR);
        assertThat(a.state()).as("never five in a row").isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void countsGatewayFailuresSeparatelyFrom5xx() {
        config.set(spec(10, 3, "30s", "300s", "0ms", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        times(2, a, PassiveOutcome.LOCAL_FAILURE);
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        times(2, a, PassiveOutcome.LOCAL_FAILURE);
        assertThat(a.state()).as("a plain 500 breaks the gateway-failure run").isEqualTo(EndpointState.HEALTHY);
        detector.record(a, PassiveOutcome.LOCAL_FAILURE);
        assertThat(a.state()).as("three connect failures in a row").isEqualTo(EndpointState.EJECTED);
    }

    @Test
    void ejectionTimeGrowsWithEachEjectionAndIsCapped() {
        config.set(spec(1, 0, "10s", "25s", "0ms", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        List<Duration> lengths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            detector.record(a, PassiveOutcome.SERVER_ERROR);
            assertThat(a.state()).as("ejection %d", i + 1).isEqualTo(EndpointState.EJECTED);
            java.time.Instant start = clock.instant();
            while (a.state() == EndpointState.EJECTED) {
                scheduler.advance(Duration.ofMillis(100));
            }
            lengths.add(Duration.between(start, clock.instant()));
        }
        assertThat(lengths).as("base x n, capped at max")
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(25), Duration.ofSeconds(25));
    }

    @Test
    void multiplierResetsAfterAQuietMaxEjectionTime() {
        config.set(spec(1, 0, "10s", "60s", "0ms", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        scheduler.advance(Duration.ofSeconds(10));
        scheduler.advance(Duration.ofSeconds(60));
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        scheduler.advance(Duration.ofMillis(9999));
        assertThat(a.state()).as("still ejected just before base time").isEqualTo(EndpointState.EJECTED);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(a.state()).as("ejected for base time again, not 2x").isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void jitterIsAddedWithinItsBound() {
        config.set(spec(1, 0, "10s", "60s", "2s", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        scheduler.advance(Duration.ofMillis(9999));
        assertThat(a.state()).as("not before base").isEqualTo(EndpointState.EJECTED);
        scheduler.advance(Duration.ofMillis(2001));
        assertThat(a.state()).as("by base + jitter").isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void neverEjectsTheLastUsableEndpoint() {
        config.set(spec(1, 0, "10s", "60s", "0ms", 100));
        EndpointHealth a = endpoint("a");
        EndpointHealth b = endpoint("b");
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        detector.record(b, PassiveOutcome.SERVER_ERROR);
        assertThat(a.state()).as("first ejected").isEqualTo(EndpointState.EJECTED);
        assertThat(b.state()).as("the last usable one stays").isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void respectsMaxEjectionPercent() {
        config.set(spec(1, 0, "10s", "60s", "0ms", 50));
        List<EndpointHealth> eps = List.of(endpoint("a"), endpoint("b"), endpoint("c"), endpoint("d"));
        eps.forEach(h -> detector.record(h, PassiveOutcome.SERVER_ERROR));
        assertThat(eps.stream().filter(h -> h.state() == EndpointState.EJECTED).count())
                .as("at most 50% of four").isEqualTo(2);
    }

    @Test
    void aStaleExpiryDoesNotEndALaterEjection() {
        config.set(spec(1, 0, "10s", "60s", "0ms", 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        detector.record(a, PassiveOutcome.SERVER_ERROR);
        a.onActiveCheck(CheckOutcome.PASS, 3, 2); // un-ejected early by an active check
        scheduler.advance(Duration.ofSeconds(5));
        detector.record(a, PassiveOutcome.SERVER_ERROR); // ejected again, for 20s
        scheduler.advance(Duration.ofSeconds(6)); // the first ejection's timer fires here
        assertThat(a.state()).as("second ejection still running").isEqualTo(EndpointState.EJECTED);
    }

    @Test
    void disabledDetectionNeverEjects() {
        config.set(new OutlierConfig(false, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 50));
        EndpointHealth a = endpoint("a");
        endpoint("b");
        times(10, a, PassiveOutcome.SERVER_ERROR);
        assertThat(a.state()).as("disabled").isEqualTo(EndpointState.HEALTHY);
    }

    private static OutlierConfig spec(int c5xx, int cgw, String base, String max, String jitter, int pct) {
        return OutlierConfig.from(new GatewaySpec.OutlierSpec(true, c5xx, cgw, base, max, jitter, pct));
    }
}
