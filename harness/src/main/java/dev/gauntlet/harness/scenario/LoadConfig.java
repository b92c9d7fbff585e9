package dev.gauntlet.harness.scenario;

import java.time.Duration;

/**
 * The client load: an open model (arrivals at a fixed rate, independent of responses), so a slow
 * gateway cannot slow the load down and hide its own latency (coordinated omission).
 *
 * @param requestTimeout a request with no answer after this long counts as a client timeout
 */
public record LoadConfig(String model, double ratePerSec, Duration duration, String path, Duration requestTimeout) {
}
