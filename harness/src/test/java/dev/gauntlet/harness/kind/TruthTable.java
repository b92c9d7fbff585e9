package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.report.run.ViewEvent;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A kind's measurement truth table: each fault (refuse, blackhole, health endpoint 500) injected on
 * {@code api-0} {@code runs} times against a running gateway under load; detection (inject → the view marks
 * it unusable) and recovery (heal → usable again) measured from the view's stamps and the harness's stamps of
 * when each inject/heal call returned; a run is inside when its bracket ([figure, figure + the call's own
 * duration], since the effect happened while the call ran) meets the kind's {@link DetectionModel} bound widened
 * by the view's resolution. Figures in ms.
 *
 * <pre>{@code List<TruthTable.Row> rows = TruthTable.measure(parts, view, model, effective, 100, 3, 5, ...);}</pre>
 */
public final class TruthTable {

    /** The three faults of the table. */
    public enum Fault {
        REFUSE(Noticed.FAST_FAIL), BLACKHOLE(Noticed.TIMEOUT), HEALTH_500(Noticed.FAST_FAIL);

        final Noticed noticed;

        Fault(Noticed noticed) {
            this.noticed = noticed;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One run's figures: null when the view never showed the change within the wait. */
    public record Run(Double detectionMs, Double recoveryMs, boolean detectionInside, boolean recoveryInside) {
    }

    /** One fault's runs with the bounds they were checked against. */
    public record Row(Fault fault, List<Run> runs, String detectionBound, String recoveryBound) {

        public String markdown() {
            List<Double> d = runs.stream().map(Run::detectionMs).filter(x -> x != null).toList();
            List<Double> r = runs.stream().map(Run::recoveryMs).filter(x -> x != null).toList();
            long inside = runs.stream().filter(x -> x.detectionInside() && x.recoveryInside()).count();
            return "| " + fault.id() + " | " + d.size() + "/" + runs.size() + " | " + stats(d) + " | " + r.size() + "/"
                    + runs.size() + " | " + stats(r) + " | " + inside + "/" + runs.size() + " | " + detectionBound
                    + " | " + recoveryBound + " |";
        }
    }

    public static final String HEADER = "| fault | detected | detection ms median [min, max] CV | recovered "
            + "| recovery ms median [min, max] CV | inside bound | detection bound (ms, + view resolution) "
            + "| recovery bound (ms, + view resolution) |\n|---|---|---|---|---|---|---|---|";

    private TruthTable() {
    }

    /**
     * Runs {@code runs} rounds of {@code fault}; the load must be running. {@code settle} is the quiet time after
     * each heal before the next inject, so the gateway has forgotten the previous round.
     */
    public static Row measure(KindTestParts parts, ViewSource view, DetectionModel model, JsonNode effective,
                              double rate, int endpoints, Fault fault, int runs, Duration detectWait,
                              Duration recoverWait, Duration settle) throws Exception {
        RunContext ctx = new RunContext(rate, endpoints);
        List<Bound> detect = model.detection(effective, "api", fault.noticed, ctx);
        List<Bound> recover = model.recovery(effective, "api", ctx);
        double res = view.resolutionUs() / 1000.0;
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Awaitility.await("all usable before round " + i).atMost(recoverWait.plus(settle))
                    .until(() -> view.awaitAllUsable(endpoints, Duration.ofMillis(100)));
            int mark = parts.events.size();
            long requestedUs = KindTestParts.nowUs();
            inject(parts, fault);
            long injectedUs = KindTestParts.nowUs();
            ViewEvent down = awaitChange(parts, false, mark, detectWait);
            Double detection = down == null ? null : (down.tUs() - injectedUs) / 1000.0;
            int healMark = parts.events.size();
            long healRequestedUs = KindTestParts.nowUs();
            heal(parts, fault);
            long healedUs = KindTestParts.nowUs();
            Double recovery = null;
            if (down != null) {
                ViewEvent up = awaitChange(parts, true, healMark, recoverWait);
                recovery = up == null ? null : (up.tUs() - healedUs) / 1000.0;
            }
            // the effect happened while the call ran: the figure's bracket runs from (returned) to (requested)
            double detectSlack = (injectedUs - requestedUs) / 1000.0;
            double healSlack = (healedUs - healRequestedUs) / 1000.0;
            out.add(new Run(detection, recovery, inside(detection, detectSlack, detect, res, fault),
                    down == null || inside(recovery, healSlack, recover, res, fault)));
            Awaitility.await("settle").pollDelay(settle).atMost(settle.plusSeconds(1)).until(() -> true);
        }
        return new Row(fault, out, describe(detect), describe(recover));
    }

    private static boolean inside(Double ms, double slack, List<Bound> bounds, double res, Fault fault) {
        List<Bound> known = bounds.stream().filter(Bound::known).toList();
        if (ms == null) {
            // not noticed: right only when the model predicts nothing can notice it (no known bound)
            return known.isEmpty() || fault == Fault.HEALTH_500 && known.stream()
                    .noneMatch(b -> b.mechanism() == DetectionModel.Mechanism.ACTIVE_CHECK);
        }
        return known.stream().anyMatch(b -> ms + slack >= b.lowMs() && ms <= b.highMs() + res);
    }

    private static String describe(List<Bound> bounds) {
        List<String> parts = new ArrayList<>();
        for (Bound b : bounds) {
            parts.add(b.mechanism().id() + " " + (b.known() ? String.format(Locale.ROOT, "[%.0f, %.0f]", b.lowMs(), b.highMs())
                    : "none (" + b.reason() + ")"));
        }
        return String.join("; ", parts);
    }

    private static ViewEvent awaitChange(KindTestParts parts, boolean usable, int mark, Duration wait) {
        try {
            return Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(20))
                    .until(() -> parts.firstChange("api-0", usable, mark), e -> e != null);
        } catch (ConditionTimeoutException notSeen) {
            return null;
        }
    }

    static void inject(KindTestParts parts, Fault fault) throws Exception {
        switch (fault) {
            case REFUSE -> parts.proxy("api-0").disable();
            case BLACKHOLE -> parts.proxy("api-0").toxics().timeout("gauntlet-blackhole", ToxicDirection.UPSTREAM, 0);
            case HEALTH_500 -> parts.behaviour("api-0", "{\"health\":{\"status\":500}}");
        }
    }

    static void heal(KindTestParts parts, Fault fault) throws Exception {
        switch (fault) {
            case REFUSE -> parts.proxy("api-0").enable();
            case BLACKHOLE -> parts.proxy("api-0").toxics().get("gauntlet-blackhole").remove();
            case HEALTH_500 -> parts.behaviour("api-0", "{\"health\":{\"status\":200}}");
        }
    }

    /** {@code median [min, max] CV}, or {@code -} when there are no figures. */
    static String stats(List<Double> xs) {
        if (xs.isEmpty()) {
            return "-";
        }
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        double mean = s.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = n < 2 ? 0 : Math.sqrt(s.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1));
        return String.format(Locale.ROOT, "%.0f [%.0f, %.0f] %.2f", median, s.get(0), s.get(n - 1),
                mean == 0 ? 0 : sd / Math.abs(mean));
    }
}
