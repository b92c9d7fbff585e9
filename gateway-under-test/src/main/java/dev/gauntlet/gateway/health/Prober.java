package dev.gauntlet.gateway.health;

import dev.gauntlet.gateway.config.HealthCheckConfig;
import java.util.function.Consumer;

/**
 * Performs one active check of one endpoint and reports its outcome exactly once, at the moment the
 * check ended (answer, error or timeout). Real: {@link SocketProber}; tests: scripted fakes.
 *
 * <pre>{@code prober.probe(target, config, outcome -> health.onActiveCheck(outcome, 3, 2));}</pre>
 */
@FunctionalInterface
public interface Prober {
    void probe(ProbeTarget target, HealthCheckConfig config, Consumer<CheckOutcome> done);

    /**
     * As {@link #probe}, also saying what a failing check saw ({@code refused}, {@code timeout}, {@code status 503},
     * {@code body mismatch}, {@code tls error}, ...; null for a pass or when the prober cannot tell).
     */
    default void probe(ProbeTarget target, HealthCheckConfig config, java.util.function.BiConsumer<CheckOutcome, String> done) {
        probe(target, config, outcome -> done.accept(outcome, null));
    }

    /** Where to probe: host, port, and whether to speak TLS (with optional SNI and verification). */
    record ProbeTarget(String host, int port, boolean tls, String sni, boolean verify) {
        public static ProbeTarget plain(String host, int port) {
            return new ProbeTarget(host, port, false, null, true);
        }
    }
}
