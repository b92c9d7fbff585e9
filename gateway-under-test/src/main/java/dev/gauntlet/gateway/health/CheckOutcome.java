package dev.gauntlet.gateway.health;

/**
 * Result of one active check. {@link #IMMEDIATE_FAIL} is a failing answer carrying the immediate-fail
 * header: the endpoint goes unhealthy without waiting for the threshold.
 *
 * <pre>{@code health.onActiveCheck(CheckOutcome.FAIL, 3, 2)}</pre>
 */
public enum CheckOutcome {
    PASS, FAIL, IMMEDIATE_FAIL;

    public boolean passed() {
        return this == PASS;
    }
}
