package dev.gauntlet.harness.score;

import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a bracketed time against the bound of the mechanism that acted: inside only when the whole bracket is
 * inside, outside only when the whole bracket is outside, else undecided with both figures. A detection faster than
 * every mechanism's lower bound is outside (the prediction did not hold) when the model bounds every mechanism it
 * names; with one it cannot bound, that mechanism may have acted, so the figure is undecided. Another mechanism
 * whose upper bound passed without it acting is named in the note; a fault never detected is outside once every
 * mechanism was overdue.
 *
 * <pre>{@code
 * Judgement j = BracketJudge.detection(new double[] {40.2, 41.0}, Mechanism.OUTLIER_EJECTION, "consecutive_gateway_failure=5",
 *         bounds, 20_000);
 * j.inside();   // true
 * j.note();     // "outlier ejection at 41 ms (consecutive_gateway_failure=5; bound [15, 100] ms); active checks would have needed >= 2000 ms"
 * }</pre>
 */
final class BracketJudge {

    private BracketJudge() {
    }

    /**
     * @param boundMs the bound judged against; null when none applies
     * @param inside  true inside, false outside, null undecided or unknown
     * @param note    which mechanism acted and why the others did not act first, or why it is undecided
     */
    record Judgement(List<Double> boundMs, Boolean inside, String note) {
        static final Judgement NONE = new Judgement(null, null, null);
    }

    static Judgement detection(double[] bracket, Mechanism fired, String detail, FaultOutcome.Bounds bounds,
                               double watchMs) {
        return detection(bracket, 0, fired, detail, bounds, watchMs);
    }

    /** @param resolutionMs R, how late the view's stamp may be (the bracket's low end already has it subtracted) */
    static Judgement detection(double[] bracket, double resolutionMs, Mechanism fired, String detail,
                               FaultOutcome.Bounds bounds, double watchMs) {
        if (bounds == null) {
            return Judgement.NONE;
        }
        List<Bound> known = bounds.bounds().stream().filter(Bound::known).toList();
        String noBound = bounds.reason() != null ? bounds.reason() : unknownReasons(bounds.bounds());
        if (bracket == null) {
            if (known.isEmpty()) {
                return new Judgement(null, null, "not detected; no predicted bound: " + noBound);
            }
            // fail only once every mechanism that could act was overdue: a model can miss why one could not act
            // (an ejection cap reached by other endpoints), never why all of them stayed silent
            Bound last = known.stream().max(java.util.Comparator.comparingDouble(Bound::highMs)).orElseThrow();
            double low = known.stream().mapToDouble(Bound::lowMs).min().orElseThrow();
            List<Double> range = List.of(low, last.highMs());
            String due = (known.size() > 1 ? "every mechanism due by " : words(last.mechanism()) + " due by ")
                    + ms(last.highMs());
            if (watchMs > last.highMs()) {
                return new Judgement(range, false, "not detected within " + ms(watchMs) + "; " + due);
            }
            return new Judgement(range, null, "not detected within " + ms(watchMs) + ", before detection was due ("
                    + due + ")");
        }
        String at = words(fired) + " at " + span(bracket);
        String saw = detail == null ? "" : detail + "; ";
        if (known.isEmpty()) {
            return new Judgement(null, null, at + (detail == null ? "" : " (" + detail + ")") + "; no predicted bound: "
                    + noBound);
        }
        Bound chosen;
        if (fired == Mechanism.UNKNOWN) {
            chosen = new Bound(Mechanism.UNKNOWN, known.stream().mapToDouble(Bound::lowMs).min().orElseThrow(),
                    known.stream().mapToDouble(Bound::highMs).max().orElseThrow(), "any mechanism", null);
        } else {
            chosen = bounds.bounds().stream().filter(b -> b.mechanism() == fired).findFirst().orElse(null);
        }
        double lowest = known.stream().mapToDouble(Bound::lowMs).min().orElseThrow();
        List<String> parts = new ArrayList<>();
        Boolean inside;
        List<Double> boundMs = null;
        // "faster than every mechanism" cannot be said of a mechanism the model names but cannot bound (Envoy's outlier
        // ejection over two workers): when that one fired, or an unnamed one fired beside such, it may have acted that
        // early, so the figure is undecided, not a miss. A mechanism that is off (no outlierDetection) is no excuse.
        boolean firedUnbounded = fired == Mechanism.UNKNOWN ? known.size() < bounds.bounds().size()
                : chosen != null && !chosen.known();
        if (bracket[1] < lowest && !firedUnbounded) {
            inside = false;
            parts.add(at + (detail == null ? "" : " (" + detail + ")") + ", faster than every mechanism's lower bound ("
                    + ms(lowest) + "): the prediction did not hold");
            boundMs = chosen != null && chosen.known() ? List.of(chosen.lowMs(), chosen.highMs()) : List.of(lowest, lowest);
        } else if (chosen == null || !chosen.known()) {
            inside = null;
            parts.add(at + (detail == null ? "" : " (" + detail + ")") + "; no bound for " + words(fired)
                    + (chosen == null ? " in this gateway's model" : ": " + chosen.reason()));
        } else {
            boundMs = List.of(chosen.lowMs(), chosen.highMs());
            inside = chosen.anchored() ? judgeAnchored(bracket, resolutionMs, chosen.lowMs(), chosen.highMs())
                    : judge(bracket, chosen.lowMs(), chosen.highMs());
            String bound = (fired == Mechanism.UNKNOWN ? "envelope of every mechanism " : "bound ") + range(boundMs);
            parts.add(at + " (" + saw + bound + (inside == null ? ": the bracket straddles it" : "") + ")");
        }
        if (fired != Mechanism.UNKNOWN) {
            for (Bound b : bounds.bounds()) {
                if (b.mechanism() == fired) {
                    continue;
                }
                if (!b.known()) {
                    parts.add(words(b.mechanism()) + ": no bound (" + b.reason() + ")");
                } else if (b.lowMs() > bracket[0]) {
                    parts.add(words(b.mechanism()) + " would have needed >= " + ms(b.lowMs()));
                } else if (b.highMs() < bracket[0]) {
                    // a finding shown, not a verdict: the model may not know why it could not act (another endpoint
                    // already ejected up to maxEjectionPercent, say)
                    parts.add(words(b.mechanism()) + " due by " + ms(b.highMs()) + " but did not act first");
                } else {
                    parts.add(words(b.mechanism()) + " could have acted too (bound " + range(List.of(b.lowMs(), b.highMs()))
                            + ")");
                }
            }
        }
        return new Judgement(boundMs, inside, String.join("; ", parts));
    }

    static Judgement recovery(double[] bracket, Mechanism holding, FaultOutcome.Bounds bounds, Double watchMs) {
        if (bounds == null) {
            return Judgement.NONE;
        }
        List<Bound> known = bounds.bounds().stream().filter(Bound::known).toList();
        String held = "held out by " + words(holding);
        Bound chosen;
        if (holding == Mechanism.UNKNOWN) {
            chosen = known.isEmpty() ? null : new Bound(Mechanism.UNKNOWN,
                    known.stream().mapToDouble(Bound::lowMs).min().orElseThrow(),
                    known.stream().mapToDouble(Bound::highMs).max().orElseThrow(), "any mechanism", null);
        } else {
            chosen = bounds.bounds().stream().filter(b -> b.mechanism() == holding).findFirst().orElse(null);
        }
        if (chosen == null || !chosen.known()) {
            String why = bounds.reason() != null ? bounds.reason()
                    : chosen == null ? "no recovery bound for " + words(holding) : chosen.reason();
            return new Judgement(null, null, held + "; no predicted bound: " + why);
        }
        List<Double> boundMs = List.of(chosen.lowMs(), chosen.highMs());
        String bound = (holding == Mechanism.UNKNOWN ? "envelope of every mechanism " : "bound ") + range(boundMs);
        if (bracket == null) {
            if (watchMs != null && watchMs > chosen.highMs()) {
                return new Judgement(boundMs, false, held + "; not usable again within " + ms(watchMs) + " (" + bound + ")");
            }
            return new Judgement(boundMs, null, held + "; not usable again by the end (" + bound + ")");
        }
        Boolean inside = judge(bracket, chosen.lowMs(), chosen.highMs());
        return new Judgement(boundMs, inside, held + "; usable again at " + span(bracket) + " (" + bound
                + (inside == null ? ": the bracket straddles it" : "") + ")");
    }

    /** Whole bracket inside → true; wholly outside → false; else null. */
    /**
     * For a bound anchored to the inject's bracket (low from the action's start, high from the verified effect): with
     * bracket = [s − R − t, s − requested], the true transition x ∈ [s − R, s] is inside [requested + low, t + high]
     * for sure when s − R − requested ≥ low and s − t ≤ high, outside for sure when s − requested < low or
     * s − R − t > high.
     */
    static Boolean judgeAnchored(double[] bracket, double resolutionMs, double low, double high) {
        if (bracket[1] - resolutionMs >= low && bracket[0] + resolutionMs <= high) {
            return true;
        }
        if (bracket[1] < low || bracket[0] > high) {
            return false;
        }
        return null;
    }

    static Boolean judge(double[] bracket, double low, double high) {
        if (bracket[0] >= low && bracket[1] <= high) {
            return true;
        }
        if (bracket[1] < low || bracket[0] > high) {
            return false;
        }
        return null;
    }

    static String words(Mechanism m) {
        return switch (m) {
            case ACTIVE_CHECK -> "active checks";
            case OUTLIER_EJECTION -> "outlier ejection";
            case DNS_REMOVAL -> "DNS removal";
            case CONFIG -> "a config change";
            case PANIC -> "panic";
            case UNKNOWN -> "an unnamed mechanism";
        };
    }

    /** {@code 41 ms} for an exact figure, {@code [40.2 ms, 41 ms]} for a bracket. */
    static String span(double[] bracket) {
        return bracket[0] == bracket[1] ? ms(bracket[0]) : "[" + ms(bracket[0]) + ", " + ms(bracket[1]) + "]";
    }

    private static String range(List<Double> bound) {
        return "[" + ms(bound.get(0)) + ", " + ms(bound.get(1)) + "]";
    }

    /** Every mechanism's reason for having no bound; one reason when they all share it. */
    static String unknownReasons(List<Bound> bounds) {
        List<String> reasons = bounds.stream().map(Bound::reason).distinct().toList();
        if (reasons.size() == 1) {
            return reasons.get(0);
        }
        List<String> out = new ArrayList<>();
        bounds.forEach(b -> out.add(words(b.mechanism()) + ": " + b.reason()));
        return out.isEmpty() ? "the model gives none for this fault" : String.join("; ", out);
    }

    private static String ms(double v) {
        return Durations.format(Math.round(v * 10) / 10.0).replace(".0 ms", " ms").toLowerCase(Locale.ROOT);
    }
}
