package dev.gauntlet.harness.kind;

import dev.gauntlet.harness.runtime.PartStartException;

/** The gateway's binary cannot be had here; the message is one line naming what to install (exit 3). */
public final class GatewayUnavailableException extends PartStartException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
