package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.topology.EndpointPlan;
import java.time.Clock;

/**
 * What a fault may touch: the running parts, the endpoint it targets, and the run's clock.
 *
 * @param probePath the path probes request (the backend's health path answers cheaply and always)
 */
public record FaultContext(PartsRuntime runtime, EndpointPlan endpoint, Clock clock, String probePath) {

    public static final int PROBE_TIMEOUT_MS = 500;

    public long nowUs() {
        return Micros.now(clock);
    }

    /** A probe along the gateway's own path to the endpoint: through its Toxiproxy proxy. */
    public Probe.Result probeViaProxy(int timeoutMs) {
        return Probe.http(endpoint.proxyHost(), endpoint.proxyPort(), probePath, timeoutMs);
    }

    /** A probe straight at the backend process, bypassing the network faults. */
    public Probe.Result probeBackend(int timeoutMs) {
        return Probe.http(endpoint.host(), endpoint.backendPort(), probePath, timeoutMs);
    }

    /**
     * The backend's TLS mode when it serves TLS (a plain-HTTP probe then cannot measure through it), null
     * when it serves plain HTTP or cannot be asked.
     */
    public String backendTlsMode() {
        try {
            String mode = new dev.gauntlet.harness.runtime.BackendControl(endpoint.host(), endpoint.controlPort())
                    .behaviour().path("tls").path("mode").asText("off");
            return "off".equals(mode) ? null : mode;
        } catch (java.io.IOException | RuntimeException unknown) {
            return null;
        }
    }

    public String proxyWhere() {
        return "proxy " + endpoint.proxyAddress();
    }

    public String backendWhere() {
        return "backend " + endpoint.backendAddress();
    }
}
