package dev.gauntlet.report.run;

/**
 * One {@code expect} line of the scenario, decided.
 *
 * @param name     the metric as written ({@code availability}, {@code phase.fault.p99_latency})
 * @param verdict  pass | fail | unknown
 * @param measured the measured value in display form ({@code "99.42%"}, {@code "1840 ms"}), or null
 * @param expected the expression as written ({@code ">= 99.0%"})
 * @param reason   why, when unknown or failed ({@code "no view was observed"})
 */
public record CheckResult(String name, String verdict, String measured, String expected, String reason) {
}
