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
 * gateway: haproxy                     # optional; when given, --gateway must name the same kind
 * scenarios:
 *   crash:                             # a suite entry's label
 *     verdict: fail                    # the entry's verdict by design (pass, fail or unknown)
 *     reason: HAProxy has no retries to another server on a refused connect unless 'option redispatch'
 *     checks:                          # optional, per expect line of that scenario
 *       availability: { verdict: fail, reason: every request to the dead server fails until it is marked DOWN }
 * }</pre>
 */
public final class ExpectedVerdicts {

    private static final Set<String> VERDICTS = Set.of(Result.PASS, Result.FAIL, Result.UNKNOWN);

    /** One expected verdict and why the gateway gives it. */
    public record Expected(String verdict, String reason) {
    }

    /** A scenario's expected verdict (null: must pass as usual unless its checks say otherwise) and per check. */
    public record ScenarioVerdicts(Expected verdict, Map<String, Expected> checks) {
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
            YamlReader s = list.at(label).requireObject().onlyFields(Set.of("verdict", "reason", "checks"));
            Expected verdict = s.has("verdict") ? expected(s) : null;
            Map<String, Expected> checks = new LinkedHashMap<>();
            if (s.has("checks")) {
                YamlReader c = s.at("checks").requireObject();
                for (Iterator<String> names = c.node().fieldNames(); names.hasNext(); ) {
                    String check = names.next();
                    checks.put(check, expected(c.at(check).requireObject().onlyFields(Set.of("verdict", "reason"))));
                }
            }
            if (verdict == null && checks.isEmpty()) {
                throw s.invalid("{}", "a verdict, checks, or both");
            }
            scenarios.put(label, new ScenarioVerdicts(verdict, checks));
        }
        return new ExpectedVerdicts(name, gateway, scenarios);
    }

    private static Expected expected(YamlReader r) {
        String verdict = r.oneOf("verdict", null, VERDICTS);
        String reason = r.string("reason", null);
        if (reason.isBlank()) {
            throw r.invalidField("reason", "''", "why the gateway gives this verdict by design");
        }
        return new Expected(verdict, reason.strip());
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
