package dev.gauntlet.harness.kind;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each registered kind names our settings in its own words, and keeps the neutral path where it has none. */
class SettingNamesTest {

    private static String name(String kind, String path) {
        return GatewayKinds.byName(kind).settingNames().name(path);
    }

    @Test
    void eachKindNamesTheHealthCheckTimeoutAsItsTranslatorWritesIt() {
        assertThat(name("builtin", "healthCheck.timeout")).as("builtin is our format").isEqualTo("healthCheck.timeout");
        assertThat(name("haproxy", "healthCheck.timeout")).as("haproxy").isEqualTo("timeout check");
        assertThat(name("envoy", "healthCheck.timeout")).as("envoy").isEqualTo("health_checks[0].timeout");
        assertThat(name("caddy", "healthCheck.timeout")).as("caddy").isEqualTo("health_timeout");
    }

    @Test
    void passiveCountersAndPanicInEachKindsWords() {
        assertThat(name("nginx", "outlierDetection.consecutiveGatewayFailure")).as("nginx").isEqualTo("server ... max_fails");
        assertThat(name("envoy", "outlierDetection.maxEjectionPercent")).as("envoy")
                .isEqualTo("outlier_detection.max_ejection_percent");
        assertThat(name("envoy", "panicThreshold")).as("envoy panic").isEqualTo("common_lb_config.healthy_panic_threshold");
        assertThat(name("haproxy", "panicThreshold")).as("HAProxy has no panic threshold: the neutral path stays")
                .isEqualTo("panicThreshold");
        assertThat(name("nginx", "healthCheck.expectedStatuses")).as("nginx open source has no active check")
                .isEqualTo("healthCheck.expectedStatuses");
    }

    @Test
    void anIndexedEndpointPathFindsItsListSetting() {
        assertThat(name("haproxy", "endpoints[2].weight")).as("haproxy").isEqualTo("server ... weight");
        assertThat(name("nginx", "endpoints[0].weight")).as("nginx").isEqualTo("server ... weight (0: down)");
    }
}
