package dev.gauntlet.gateway.health;

/**
 * Receives every transition, on the thread that caused it. Must not block.
 *
 * <pre>{@code TransitionListener l = event -> hub.publish(event);}</pre>
 */
@FunctionalInterface
public interface TransitionListener {
    void onTransition(TransitionEvent event);
}
