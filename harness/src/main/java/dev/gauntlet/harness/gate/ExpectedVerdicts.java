package dev.gauntlet.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.scenario.YamlReader;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdicts a gateway gives by design, so a suite gated against it passes when every verdict is the
 * expected one ({@code gate ci --gateway haproxy --expected-verdicts scenarios/suites/expected/haproxy.yaml}):
 * a regression in an adapter, or a gateway behaving otherwise than documented, then fails CI. A scenario
 * not named must pass as usual; a check not named is judged by its scenario's expected verdict alone.
 *
 * <pre>{@code
 * gateway: nginx                       # optional; when given, --gateway must name the same kind
 * scenarios:
 *   crash:                             # a suite entry's label
 *     verdict: fail                    # the entry's verdict by design (pass, fail, unknown or refused)
 *     reason: nginx has no retries to another server on a refused connect unless proxy_next_upstream says so
 *     checks:                          # optional, per expect line of that scenario
 *       availability: { verdict: fail, reason: every request to the dead server fails until max_fails }
 *     set:                             # optional: how a user of this gateway would configure the scenario,
 *       gateway.config.healthCheck.enabled: false    # applied after the suite's own set; shown in junit/summary
 *     setReason: nginx open source has no active health checks; its users rely on max_fails
 *   panic:
 *     verdict: refused                 # the kind refuses the scenario at load, by design: nothing runs
 *     refusal: "gateway.config.healthCheck: "       # a substring the refusal line must contain
 *     reason: the scenario is about active checks and panic routing; nginx open source has neither
 * }</pre>
 *
 * A {@code refused} entry passes when loading it for the kind gated is refused with a line containing
 * {@code refusal}, and fails when it is refused otherwise or not at all.
 */
public final class ExpectedVerdicts {

    /** The verdict of a scenario the kind refuses at load by design. */
    public static final String REFUSED = "refused";
    /** The check that carries a refusal's verdict, and the one that shows a scenario's adaptations. */
    public static final String REFUSED_CHECK = "refused";
    public static final String ADAPTED_CHECK = "adapted";
    private static final Set<String> VERDICTS = Set.of(Result.PASS, Result.FAIL, Result.UNKNOWN, REFUSED);
    private static final Set<String> FIELDS = Set.of("verdict", "reason", "checks", "refusal", "set", "setReason");

    /** One expected verdict and why the gateway gives it. */
    public record Expected(String verdict, String reason) {
    }

    /**
     * A scenario's expected verdict (null: must pass as usual unless its checks say otherwise) and per check;
     * {@code refusal} the expected refusal's substring (only with verdict refused); {@code set} the adaptations
     * ({@code path=value}) and {@code setReason} why a user of the gateway configures it so.
     */
    public record ScenarioVerdicts(Expected verdict, Map<String, Expected> checks, String refusal, List<String> set,
                                   String setReason) {

        boolean refused() {
            return verdict != null && REFUSED.equals(verdict.verdict());
        }
    }

    private final String file;
    private final String gateway;
    private final Map<String, ScenarioVerdicts> scenarios;

    ExpectedVerdicts(String file, String gateway, Map<String, ScenarioVerdicts> scenarios) {
        this.file = file;
        this.gateway = gateway;
        this.scenarios = Map.copyOf(scenarios);
    }

    /** Reads and checks the file's shape; bad input is the one-line {@link ScenarioInvalidException}. */
    public static ExpectedVerdicts load(Path path) {
        String name = path.getFileName().toString();
        JsonNode tree;
        try {
            tree = ScenarioLoader.YAML.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new ScenarioInvalidException(name, "(file)", String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "a readable YAML expected-verdicts file");
        }
        YamlReader r = YamlReader.root(name, tree).requireObject().onlyFields(Set.of("gateway", "scenarios", "description"));
        String gateway = r.has("gateway") ? r.string("gateway", null) : null;
        YamlReader list = r.at("scenarios").requireObject();
        Map<String, ScenarioVerdicts> scenarios = new LinkedHashMap<>();
        for (Iterator<String> it = list.node().fieldNames(); it.hasNext(); ) {
            String label = it.next();
            scenarios.put(label, scenario(list.at(label).requireObject().onlyFields(FIELDS)));
        }
        return new ExpectedVerdicts(name, gateway, scenarios);
    }

    private static ScenarioVerdicts scenario(YamlReader s) {
        Expected verdict = s.has("verdict") ? expected(s) : null;
        Map<String, Expected> checks = new LinkedHashMap<>();
        if (s.has("checks")) {
            YamlReader c = s.at("checks").requireObject();
            for (Iterator<String> names = c.node().fieldNames(); names.hasNext(); ) {
                String check = names.next();
                Expected e = expected(c.at(check).requireObject().onlyFields(Set.of("verdict", "reason")));
                if (REFUSED.equals(e.verdict())) {
                    throw c.at(check).invalidField("verdict", REFUSED, "pass, fail or unknown: a whole scenario is refused");
                }
                checks.put(check, e);
            }
        }
        boolean refused = verdict != null && REFUSED.equals(verdict.verdict());
        String refusal = null;
        if (refused) {
            refusal = s.string("refusal", null);
            if (refusal.isBlank()) {
                throw s.invalidField("refusal", "''", "a substring of the refusal line expected");
            }
            if (!checks.isEmpty()) {
                throw s.invalidField("checks", "{...}", "no checks with verdict refused: nothing runs");
            }
        } else if (s.has("refusal")) {
            throw s.invalidField("refusal", s.node().get("refusal").asText(), "only with verdict: refused");
        }
        List<String> set = SuiteLoader.overrides(s.at("set"));
        String setReason = null;
        if (!set.isEmpty()) {
            setReason = s.string("setReason", null);
            if (setReason.isBlank()) {
                throw s.invalidField("setReason", "''", "why a user of this gateway configures the scenario so");
            }
        } else if (s.has("setReason")) {
            throw s.invalidField("setReason", s.node().get("setReason").asText(), "only with set");
        }
        if (verdict == null && checks.isEmpty() && set.isEmpty()) {
            throw s.invalid("{}", "a verdict, checks, set, or several");
        }
        return new ScenarioVerdicts(verdict, checks, refusal, set, setReason == null ? null : setReason.strip());
    }

    private static Expected expected(YamlReader r) {
        String verdict = r.oneOf("verdict", null, VERDICTS);
        String reason = r.string("reason", null);
        if (reason.isBlank()) {
            throw r.invalidField("reason", "''", "why the gateway gives this verdict by design");
        }
        return new Expected(verdict, reason.strip());
    }

    /** The suite with each named entry's {@code set} appended as its adaptations, after the suite's own overrides. */
    public SuiteConfig adapt(SuiteConfig suite) {
        return suite.mapEntries(e -> scenarios.containsKey(e.label()) ? e.adapted(scenarios.get(e.label()).set()) : e);
    }

    /** True when the entry {@code label} is expected to be refused at load by the kind gated (nothing runs). */
    public boolean expectsRefusal(String label) {
        ScenarioVerdicts s = scenarios.get(label);
        return s != null && s.refused();
    }

    /**
     * Every entry of the (adapted) suite loaded with all its overrides, before the first runs, as label → expect lines;
     * an entry expected to be refused is not loaded here (its refusal is judged by {@link #judgeRefusal}). A bad
     * value in a {@code set} of this file is reported at this file's line; the rest as the loader wrote it.
     */
    public Map<String, Set<String>> loadAll(SuiteConfig suite, ScenarioLoader loader) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        for (SuiteEntry e : suite.entries()) {
            if (expectsRefusal(e.label())) {
                names.put(e.label(), Set.of());
                continue;
            }
            try {
                names.put(e.label(), loader.load(e.scenario(), e.runOverrides()).expect().keySet());
            } catch (ScenarioInvalidException bad) {
                String key = SuiteLoader.overriddenKey(bad.path(), e.adaptations());
                if (key == null) {
                    throw bad;
                }
                String detail = bad.getMessage().substring(bad.file().length() + 2 + bad.path().length() + 2);
                throw new ScenarioInvalidException(file, "scenarios." + e.label() + ".set." + bad.path(),
                        SuiteLoader.valuePart(detail), SuiteLoader.rulePart(detail));
            }
        }
        return names;
    }

    /**
     * The gated result of an entry expected to be refused: one check {@value #REFUSED_CHECK}, passing when
     * {@code refusalLine} (the loader's one line, or null when the scenario loaded) contains the expected text.
     */
    public Result judgeRefusal(SuiteEntry entry, String refusalLine) {
        ScenarioVerdicts s = scenarios.get(entry.label());
        boolean matches = refusalLine != null && refusalLine.contains(s.refusal());
        String reason = matches ? "refused by design: " + refusalLine + " — " + s.verdict().reason() + " [" + file + "]"
                : "expected refused by design (" + s.verdict().reason() + "), with a line containing '" + s.refusal()
                + "', got " + (refusalLine == null ? "no refusal: the scenario loads for this kind" : refusalLine)
                + " [" + file + "]";
        List<CheckResult> checks = new ArrayList<>();
        adaptation(s).ifPresent(checks::add);
        checks.add(new CheckResult(REFUSED_CHECK, matches ? Result.PASS : Result.FAIL,
                refusalLine == null ? "loaded" : refusalLine, "refused: ..." + s.refusal() + "...", reason));
        return new Result(entry.label(), null, matches ? Result.PASS : Result.FAIL, null, null, checks, null, List.of());
    }

    /** The check that shows a scenario was run adapted, not as written, or empty. */
    private java.util.Optional<CheckResult> adaptation(ScenarioVerdicts s) {
        if (s.set().isEmpty()) {
            return java.util.Optional.empty();
        }
        String sets = String.join(" ", s.set().stream().map(o -> "--set " + o).toList());
        return java.util.Optional.of(new CheckResult(ADAPTED_CHECK, Result.PASS, sets, "the scenario as written",
                "not the scenario as written: adapted for " + (gateway == null ? "this gateway" : gateway) + " with "
                        + sets + " (" + s.setReason() + ") [" + file + "]"));
    }

    /**
     * Refuses, before anything runs, a file that does not fit the suite: another gateway than {@code kind} (null: not checked),
     * a label the suite does not have, a check its scenario does not make ({@code expectNames}: label → expect lines).
     */
    public void checkAgainst(String kind, Map<String, Set<String>> expectNames) {
        if (gateway != null && kind != null && !gateway.equals(kind)) {
            throw new ScenarioInvalidException(file, "gateway", gateway, "the kind gated, " + kind);
        }
        scenarios.forEach((label, s) -> {
            if (!expectNames.containsKey(label)) {
                throw new ScenarioInvalidException(file, "scenarios." + label, "not in the suite",
                        "one of " + String.join(", ", expectNames.keySet()));
            }
            s.checks().keySet().stream().filter(c -> !expectNames.get(label).contains(c)).findFirst().ifPresent(c -> {
                throw new ScenarioInvalidException(file, "scenarios." + label + ".checks." + c, "not an expect line of " + label,
                        "one of " + String.join(", ", expectNames.get(label)));
            });
        });
    }

    /**
     * The entry's gated result judged against what is expected: each named check passes when its verdict is
     * the expected one and fails otherwise, naming expected and got; a scenario-level expectation adds a check
     * {@code expected_verdict} on the entry's own verdict. An entry not named is returned as it is.
     */
    public Result judge(Result gated) {
        ScenarioVerdicts s = scenarios.get(gated.scenario());
        if (s == null) {
            return gated;
        }
        List<CheckResult> checks = new ArrayList<>();
        adaptation(s).ifPresent(checks::add);
        for (CheckResult c : gated.checks()) {
            Expected e = s.checks().get(c.name());
            if (e != null) {
                checks.add(compare(c.name(), e, c.verdict(), c.reason()));
            } else if (s.verdict() != null) {
                // judged through the entry's expected verdict below; kept so the report still shows it
                checks.add(new CheckResult(c.name(), Result.PASS, c.verdict(), "judged by the scenario's expected verdict",
                        "got " + c.verdict() + ": " + c.reason()));
            } else {
                checks.add(c);
            }
        }
        if (s.verdict() != null) {
            checks.add(compare("expected_verdict", s.verdict(), gated.verdict(), "the scenario's verdict"));
        }
        String verdict = checks.stream().anyMatch(c -> Result.FAIL.equals(c.verdict())) ? Result.FAIL
                : checks.stream().allMatch(c -> Result.PASS.equals(c.verdict())) ? Result.PASS : Result.UNKNOWN;
        return new Result(gated.scenario(), gated.runId(), verdict, gated.score(), gated.scoreFormula(), checks,
                gated.metrics(), gated.faults());
    }

    private CheckResult compare(String name, Expected e, String got, String detail) {
        boolean same = e.verdict().equals(got);
        String reason = (same ? "as expected by design (" : "expected " + e.verdict() + " by design (")
                + e.reason() + "), got " + got + (detail == null ? "" : ": " + detail) + " [" + file + "]";
        return new CheckResult(name, same ? Result.PASS : Result.FAIL, got, e.verdict() + " (by design)", reason);
    }
}
