package dev.gauntlet.harness.sweep;

import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep.json}: the points of a sweep and every trial run finished so far, rewritten atomically after
 * each run, so a sweep killed at any moment resumes ({@code --resume}) with only the unfinished runs left.
 *
 * <pre>{@code
 * SweepState state = SweepState.read(sweepDir);
 * state.done(2, 1, "crash");                       // has point 2, trial 1 of scenario "crash" finished?
 * state = state.with(run, elapsedMs); state.write(sweepDir);
 * }</pre>
 *
 * @param fingerprint SHA-256 of the sweep file the state belongs to
 * @param elapsedMs   measuring time so far, summed over every session of the sweep
 */
public record SweepState(String name, String sweepFile, String fingerprint, List<SweepPoint> points,
                         List<TrialRun> trials, long elapsedMs) {

    public static final String FILE = "sweep.json";

    public SweepState {
        points = List.copyOf(points);
        trials = List.copyOf(trials);
    }

    public boolean done(int point, int trial, String scenario) {
        return trials.stream().anyMatch(t -> t.point() == point && t.trial() == trial && t.scenario().equals(scenario));
    }

    public SweepState with(TrialRun run, long elapsed) {
        List<TrialRun> all = new ArrayList<>(trials);
        all.add(run);
        return new SweepState(name, sweepFile, fingerprint, points, all, elapsed);
    }

    public SweepState withElapsed(long elapsed) {
        return new SweepState(name, sweepFile, fingerprint, points, trials, elapsed);
    }

    public static SweepState read(Path sweepDir) {
        try {
            return RunDirectory.JSON.readValue(sweepDir.resolve(FILE).toFile(), SweepState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sweepDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public void write(Path sweepDir) {
        try {
            Files.createDirectories(sweepDir);
            Path tmp = sweepDir.resolve(FILE + ".tmp");
            RunDirectory.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, sweepDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sweepDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
