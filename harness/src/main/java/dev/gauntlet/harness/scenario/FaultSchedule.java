package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a scenario's {@code faults} list (and optional {@code nemesis}) into the concrete, time-
 * ordered steps the fault scheduler plays. Everything is resolved here, before the run, from the
 * scenario and its seed — so the resolved schedule can be saved and a run replayed exactly.
 *
 * <ul>
 *   <li>{@code target}: {@code api[0]}, {@code api[0..1]}, {@code api} (every replica) or
 *       {@code api:50%} (the first ⌈50% of n⌉ replicas)</li>
 *   <li>{@code every: 10s} repeats a step until {@code until} (default: the end of the load)</li>
 *   <li>{@code stagger: 5s} applies a multi-target step to one replica after another (rolling)</li>
 *   <li>{@code nemesis}: faults and targets drawn at random, seeded, at random intervals</li>
 * </ul>
 */
public final class FaultSchedule {

    /** Fields every step may have besides its action's own parameters. */
    /** The target naming the gateway itself (for gateway_config), never a pool name. */
    public static final String GATEWAY = "gateway";
    public static final Set<String> STEP_FIELDS = Set.of("at", "target", "action", "for", "every", "until", "stagger");
    private static final Set<String> NEMESIS_FIELDS = Set.of("from", "until", "interval", "actions", "target", "for");
    private static final Pattern TARGET = Pattern.compile(
            "([a-z0-9][a-z0-9-]*)(?:\\[(\\d+)(?:\\.\\.(\\d+))?]|:(\\d{1,3})%)?");

    private final List<BackendPool> pools;
    private final LoadConfig load;
    private final ScenarioLoader.FaultStepValidator validator;

    FaultSchedule(List<BackendPool> pools, LoadConfig load, ScenarioLoader.FaultStepValidator validator) {
        this.pools = pools;
        this.load = load;
        this.validator = validator;
    }

    List<FaultStep> resolve(YamlReader faults, YamlReader nemesis, long seed) {
        List<FaultStep> steps = new ArrayList<>();
        if (!faults.isMissing()) {
            faults.requireArray();
            for (int i = 0; i < faults.size(); i++) {
                steps.addAll(step(faults.index(i).requireObject(), i));
            }
        }
        if (!nemesis.isMissing()) {
            steps.addAll(nemesis(nemesis.requireObject().onlyFields(NEMESIS_FIELDS), steps.size(), seed));
        }
        steps.sort(Comparator.comparing(FaultStep::at)); // stable: same-time steps keep file order
        return steps;
    }

    private List<FaultStep> step(YamlReader s, int index) {
        Duration at = s.duration("at", null, Duration.ZERO);
        if (at.compareTo(load.duration()) >= 0) {
            throw s.invalidField("at", s.string("at", ""), "< load.duration (" + Durations.format(load.duration()) + ")");
        }
        String action = s.string("action", null);
        String pool = poolOf(s, "target");
        List<Integer> targets = indices(s, "target");
        Duration lasting = s.has("for") ? s.duration("for", null, Duration.ofMillis(1)) : null;
        ObjectNode params = ((ObjectNode) s.node()).deepCopy();
        params.remove(STEP_FIELDS);
        FaultStep base = new FaultStep(index, at, action, pool, targets, lasting, params);
        validator.validate(base, s);

        List<Duration> times = new ArrayList<>(List.of(at));
        if (s.has("every")) {
            Duration every = s.duration("every", null, Duration.ofMillis(100));
            if (lasting != null && lasting.compareTo(every) >= 0) {
                throw s.invalidField("for", s.string("for", ""), "< every (" + Durations.format(every) + ")");
            }
            Duration until = s.duration("until", load.duration(), Duration.ZERO);
            for (Duration t = at.plus(every); t.compareTo(until) < 0 && t.compareTo(load.duration()) < 0; t = t.plus(every)) {
                times.add(t);
            }
        }
        Duration stagger = s.has("stagger") ? s.duration("stagger", null, Duration.ZERO) : null;
        List<FaultStep> out = new ArrayList<>();
        for (Duration t : times) {
            if (stagger == null) {
                out.add(new FaultStep(index, t, action, pool, targets, lasting, params));
                continue;
            }
            for (int k = 0; k < targets.size(); k++) {
                Duration tk = t.plus(stagger.multipliedBy(k));
                if (tk.compareTo(load.duration()) < 0) {
                    out.add(new FaultStep(index, tk, action, pool, List.of(targets.get(k)), lasting, params));
                }
            }
        }
        return out;
    }

    /** Random faults for soak runs: drawn from the scenario seed, so the same seed replays the same run. */
    private List<FaultStep> nemesis(YamlReader n, int firstIndex, long seed) {
        Duration from = n.duration("from", Duration.ZERO, Duration.ZERO);
        Duration until = n.duration("until", load.duration(), Duration.ZERO);
        Duration interval = n.duration("interval", Duration.ofSeconds(10), Duration.ofMillis(500));
        Duration lasting = n.duration("for", interval.dividedBy(2), Duration.ofMillis(100));
        if (lasting.compareTo(interval) >= 0) {
            throw n.invalidField("for", Durations.format(lasting), "< interval (" + Durations.format(interval) + ")");
        }
        YamlReader actions = n.at("actions").requireArray();
        if (actions.size() == 0) {
            throw actions.invalid("[]", "at least one fault, e.g. [{action: crash}, {action: latency, latency: 300ms}]");
        }
        List<ObjectNode> templates = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            YamlReader a = actions.index(i).requireObject();
            ObjectNode params = ((ObjectNode) a.node()).deepCopy();
            params.remove(STEP_FIELDS);
            // validate each template as a step at time zero on the nemesis target
            validator.validate(new FaultStep(firstIndex, Duration.ZERO, a.string("action", null), poolOf(n, "target"),
                    indices(n, "target"), lasting, params), a);
            templates.add((ObjectNode) a.node());
        }
        String pool = poolOf(n, "target");
        List<Integer> candidates = indices(n, "target");
        Random random = new Random(seed);
        List<FaultStep> out = new ArrayList<>();
        // Each slot of one interval gets one fault at a random offset inside it, healed before the next.
        for (Duration slot = from; slot.plus(interval).compareTo(until) <= 0; slot = slot.plus(interval)) {
            ObjectNode template = templates.get(random.nextInt(templates.size()));
            int target = candidates.get(random.nextInt(candidates.size()));
            long slackMs = interval.minus(lasting).toMillis();
            Duration at = slot.plusMillis(slackMs <= 0 ? 0 : random.nextLong(slackMs));
            ObjectNode params = template.deepCopy();
            params.remove(STEP_FIELDS);
            out.add(new FaultStep(firstIndex + out.size(), at, template.path("action").asText(), pool, List.of(target),
                    lasting, params));
        }
        return out;
    }

    private Matcher target(YamlReader s, String field) {
        String text = s.string(field, null);
        Matcher t = TARGET.matcher(text.trim());
        if (!t.matches()) {
            throw s.invalidField(field, text, "pool, pool[i], pool[i..j] or pool:N%");
        }
        return t;
    }

    private String poolOf(YamlReader s, String field) {
        if (GATEWAY.equals(s.string(field, null).trim())) {
            return GATEWAY;
        }
        return pool(s, field, target(s, field)).pool();
    }

    private BackendPool pool(YamlReader s, String field, Matcher t) {
        return pools.stream().filter(p -> p.pool().equals(t.group(1))).findFirst()
                .orElseThrow(() -> s.invalidField(field, s.string(field, ""), "a pool of backends: "
                        + String.join(", ", pools.stream().map(BackendPool::pool).toList())));
    }

    private List<Integer> indices(YamlReader s, String field) {
        if (GATEWAY.equals(s.string(field, null).trim())) {
            return List.of(0);
        }
        Matcher t = target(s, field);
        BackendPool pool = pool(s, field, t);
        int n = pool.replicas();
        int from = 0;
        int to = n - 1;
        if (t.group(4) != null) {
            int percent = Integer.parseInt(t.group(4));
            if (percent < 1 || percent > 100) {
                throw s.invalidField(field, s.string(field, ""), "a share from 1% to 100%");
            }
            to = (int) Math.ceil(n * percent / 100.0) - 1;
        } else if (t.group(2) != null) {
            from = Integer.parseInt(t.group(2));
            to = t.group(3) != null ? Integer.parseInt(t.group(3)) : from;
        }
        if (from > to || to >= n) {
            throw s.invalidField(field, s.string(field, ""), "indices from 0 to " + (n - 1));
        }
        List<Integer> out = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            out.add(k);
        }
        return out;
    }
}
