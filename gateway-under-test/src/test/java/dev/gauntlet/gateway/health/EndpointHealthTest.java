package dev.gauntlet.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
    private final FakeClock clock = new FakeClock();
    private final List<TransitionEvent> events = new ArrayList<>();
    private final EndpointHealth health = new EndpointHealth("api", "api-0", "127.0.0.1:1", clock, events::add);

    @Test
    void startsHealthyWithNoChangeRecorded() {
        assertThat(health.state()).as("initial state").isEqualTo(EndpointState.HEALTHY);
        assertThat(health.lastChangeMicros()).as("last change before any transition").isZero();
    }

    @Test
    void turnsUnhealthyOnlyAtTheThirdConsecutiveFailure() {
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        assertThat(health.state()).as("after two failures").isEqualTo(EndpointState.HEALTHY);
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        assertThat(health.state()).as("after three failures").isEqualTo(EndpointState.UNHEALTHY);
        assertThat(events).as("one event per transition").hasSize(1);
        assertThat(events.get(0).reason()).as("reason").isEqualTo(TransitionReason.ACTIVE_HC_FAILED);
        assertThat(events.get(0).flags()).as("flags").containsExactly("failed_active_hc");
        assertThat(events.get(0).mechanism()).as("mechanism").isEqualTo(Mechanism.ACTIVE_CHECK);
    }

    @Test
    void theTrippingCheckNamesWhatItSaw() {
        health.onActiveCheck(CheckOutcome.FAIL, "timeout", 2, 2);
        health.onActiveCheck(CheckOutcome.FAIL, "refused", 2, 2);
        assertThat(events).as("one transition").hasSize(1);
        assertThat(events.get(0).detail()).as("detail of the check that tripped").isEqualTo("refused");
        assertThat(events.get(0).mechanism()).as("mechanism").isEqualTo(Mechanism.ACTIVE_CHECK);
    }

    @Test
    void aPassResetsTheFailureCount() {
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        health.onActiveCheck(CheckOutcome.PASS, 3, 2);
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        assertThat(health.state()).as("failures not consecutive").isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void recoversAfterHealthyThresholdPasses() {
        for (int i = 0; i < 3; i++) {
            health.onActiveCheck(CheckOutcome.FAIL, 3, 2);
        }
        health.onActiveCheck(CheckOutcome.PASS, 3, 2);
        assertThat(health.state()).as("after one pass").isEqualTo(EndpointState.UNHEALTHY);
        clock.advance(Duration.ofMillis(1500));
        health.onActiveCheck(CheckOutcome.PASS, 3, 2);
        assertThat(health.state()).as("after two passes").isEqualTo(EndpointState.HEALTHY);
        assertThat(events).as("two transitions").hasSize(2);
        assertThat(events.get(1).tMicros()).as("stamped with the injected clock")
                .isEqualTo(clock.instant().getEpochSecond() * 1_000_000L + clock.instant().getNano() / 1000);
    }

    @Test
    void immediateFailSkipsTheThreshold() {
        health.onActiveCheck(CheckOutcome.IMMEDIATE_FAIL, 3, 2);
        assertThat(health.state()).as("after one immediate-fail answer").isEqualTo(EndpointState.UNHEALTHY);
        assertThat(events.get(0).reason()).as("reason").isEqualTo(TransitionReason.ACTIVE_HC_IMMEDIATE_FAIL);
    }

    @Test
    void aPassingCheckEndsAnEjection() {
        health.onEjected();
        assertThat(health.state()).as("ejected").isEqualTo(EndpointState.EJECTED);
        health.onActiveCheck(CheckOutcome.PASS, 3, 2);
        assertThat(health.state()).as("after a passing check").isEqualTo(EndpointState.HEALTHY);
        assertThat(events).extracting(TransitionEvent::reason).as("reasons")
                .containsExactly(TransitionReason.OUTLIER_EJECTED, TransitionReason.ACTIVE_HC_PASSED);
    }

    @Test
    void rejectsMovesTheTableDoesNotAllow() {
        assertThatThrownBy(() -> HealthTransition.between(EndpointState.UNHEALTHY, EndpointState.EJECTED))
                .as("unhealthy endpoints get no traffic, so cannot be ejected").isInstanceOf(IllegalStateException.class);
    }
}
