package dev.gauntlet.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.health.HealthTransition;
import dev.gauntlet.gateway.health.TransitionEvent;
import dev.gauntlet.gateway.health.TransitionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminJsonTest {
    @Test
    void transitionEventIsTheContractsJsonLine() {
        TransitionEvent e = new TransitionEvent(1_767_225_600_000_123L, "api", "api-0", "127.0.0.1:21001",
                HealthTransition.HEALTHY_TO_UNHEALTHY, List.of("failed_active_hc"), TransitionReason.ACTIVE_HC_FAILED);
        assertThat(AdminJson.transition(e).toString()).as("data line").isEqualTo(
                "{\"t_us\":1767225600000123,\"cluster\":\"api\",\"endpoint\":\"api-0\",\"address\":\"127.0.0.1:21001\","
                        + "\"from\":\"healthy\",\"to\":\"unhealthy\",\"usable\":false,\"flags\":[\"failed_active_hc\"],"
                        + "\"reason\":\"active_hc_failed\",\"mechanism\":\"active_check\"}");
    }

    @Test
    void outlierEjectionSaysItsMechanismAndTheCounterThatTripped() {
        TransitionEvent e = new TransitionEvent(1_767_225_600_000_123L, "api", "api-0", "127.0.0.1:21001",
                HealthTransition.HEALTHY_TO_EJECTED, List.of("failed_outlier_check"), TransitionReason.OUTLIER_EJECTED,
                "consecutive_gateway_failure=5");
        assertThat(AdminJson.transition(e).path("mechanism").asText()).as("mechanism").isEqualTo("outlier_ejection");
        assertThat(AdminJson.transition(e).path("detail").asText()).as("detail").isEqualTo("consecutive_gateway_failure=5");
    }
}
