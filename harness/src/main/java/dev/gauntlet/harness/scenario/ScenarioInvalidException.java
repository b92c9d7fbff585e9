package dev.gauntlet.harness.scenario;

/**
 * A scenario file that cannot be run, with the one error format of the project:
 * {@code one-of-three.yaml: faults[2].at: -5s (expected: >= 0s)}.
 */
public final class ScenarioInvalidException extends RuntimeException {

    private final String file;
    private final String path;

    public ScenarioInvalidException(String file, String path, String value, String expected) {
        super(file + ": " + path + ": " + value + " (expected: " + expected + ")");
        this.file = file;
        this.path = path;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }
}
