package dev.gauntlet.harness.runtime;

/** A part of the topology (backend, gateway, Toxiproxy) could not be started: exit code 3. */
public class PartStartException extends RuntimeException {
    public PartStartException(String message) {
        super(message);
    }

    public PartStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
