package dev.gauntlet.harness.sweep;

import dev.gauntlet.harness.score.FalseEjections;
import dev.gauntlet.harness.score.Scorer;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one run of one trial measured, as saved in {@code sweep.json}: enough to recompute every point's
 * statistics without opening the run directories again (they are kept beside it all the same).
 *
 * <pre>{@code
 * TrialRun run = TrialRun.measure(0, 1, "crash", 43, runDir, "trials/20261126-101500-crash", Set.of("up"));
 * run.detectionMs();   // [2115.2]
 * }</pre>
 *
 * @param runDir            relative to the sweep directory
 * @param detectionMs       one value per detectable (fast_fail/timeout), verified fault that was detected
 * @param detectionBoundMs  the predicted [low, high] of each of those detections (null entries: no bound)
 * @param undetected        detectable faults never detected although watched past their bound
 * @param recoveryMs        one value per fault that had something to recover
 * @param availableRequests requests answered 2xx/3xx
 * @param avoidableNhuMs    null when the run had no view
 */
public record TrialRun(int point, int trial, String scenario, long seed, String runDir, boolean aborted,
                       String verdict, List<Double> detectionMs, List<List<Double>> detectionBoundMs, int undetected,
                       List<Double> recoveryMs, int falseEjections, double falseEjectionSeconds, double minutes,
                       long requests, long availableRequests, Double avoidableNhuMs) {

    public TrialRun {
        detectionMs = List.copyOf(detectionMs);
        detectionBoundMs = new ArrayList<>(detectionBoundMs); // entries may be null
        recoveryMs = List.copyOf(recoveryMs);
    }

    /** Scores the run directory again ({@link Scorer#score}) and measures its false ejections. */
    public static TrialRun measure(int point, int trial, String scenario, long seed, RunDirectory dir, String relative,
                                   boolean aborted, Set<String> goodTruth) {
        Result result = Scorer.score(dir);
        List<Double> detections = new ArrayList<>();
        List<List<Double>> bounds = new ArrayList<>();
        List<Double> recoveries = new ArrayList<>();
        int undetected = 0;
        for (FaultResult f : result.faults()) {
            boolean detectable = f.verified() && ("fast_fail".equals(f.detection()) || "timeout".equals(f.detection()));
            if (!detectable) {
                continue;
            }
            if (f.detectionMs() != null) {
                detections.add(f.detectionMs());
                bounds.add(f.boundMs());
            } else if (Boolean.FALSE.equals(f.insideBound())) {
                undetected++;
            }
            boolean hadSomethingToRecover = f.recoveryMs() != null
                    && (f.recoveryMs() > 0 || f.recoveryInsideBound() != null);
            if (hadSomethingToRecover) {
                recoveries.add(f.recoveryMs());
            }
        }
        FalseEjections fe;
        try {
            fe = FalseEjections.of(dir, goodTruth);
        } catch (RuntimeException noView) {
            fe = new FalseEjections(0, 0, 0, 0);
        }
        long requests = result.metrics().requests();
        Double availability = result.metrics().availability();
        long ok = availability == null ? 0 : Math.round(availability * requests);
        return new TrialRun(point, trial, scenario, seed, relative, aborted, result.verdict(), detections, bounds,
                undetected, recoveries, fe.count(), fe.seconds(), fe.minutes(), requests, ok,
                result.metrics().avoidableNhuMs());
    }
}
