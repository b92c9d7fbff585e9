package dev.gauntlet.harness.fault;

/**
 * What an independent probe saw right after a fault was injected or healed.
 *
 * @param effectUs epoch microseconds from which the effect holds (truth changes here)
 * @param detail   the observation with its figure, e.g. {@code "127.0.0.1:41001 refuses connections (0.3 ms)"}
 */
public record Verification(boolean verified, long effectUs, String detail) {
}
