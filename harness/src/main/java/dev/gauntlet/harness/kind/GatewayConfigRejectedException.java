package dev.gauntlet.harness.kind;

/**
 * The gateway's own validator rejected the rendered native config: bad input (exit 2), one line naming the
 * saved file and the validator's complaint, e.g.
 * {@code gateway.native.haproxy.cfg: rejected by haproxy -c (expected: a config haproxy accepts): [ALERT] ...}.
 */
public final class GatewayConfigRejectedException extends IllegalArgumentException {
    public GatewayConfigRejectedException(String message) {
        super(message);
    }
}
