package dev.gauntlet.harness.kind;

/**
 * A neutral setting a gateway kind does not have. Printed as
 * {@code x.yaml: gateway.config.<path>: <value> (expected: <expected>)}, e.g.
 * {@code gateway.config.healthCheck: {...} (expected: no healthCheck for kind nginx: nginx open source has no
 * active health checks; or gateway.native)}.
 *
 * @param path     relative to {@code gateway.config}
 * @param value    the offending value as the user wrote it (compact JSON)
 * @param expected what would be accepted, and why this is not
 */
public record Refusal(String path, String value, String expected) {
}
