package dev.gauntlet.harness.fault;

/**
 * One active fault on one endpoint. Each action is its own small type (like Toxiproxy's toxics),
 * created by the {@link FaultRegistry}; it knows how to inject, verify, and heal itself.
 * Both methods block until the effect is verified or verification gave up.
 */
public interface Fault {

    /** What the endpoint is while the fault holds: {@code down} or {@code degraded}. */
    String truth();

    /** How a gateway can notice it: {@code fast_fail}, {@code timeout} or {@code none}. */
    String detection();

    Verification inject() throws Exception;

    Verification heal() throws Exception;
}
