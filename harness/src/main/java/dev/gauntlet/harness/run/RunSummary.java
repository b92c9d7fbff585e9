package dev.gauntlet.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;

/**
 * A finished run as one JSON line ({@code run --json}), for scripts and build tools:
 * {@code {"run_dir":"runs/…","exit":1,"verdict":"fail","aborted":false,"checks":[{"name":…,"verdict":…,…}]}}.
 *
 * <pre>{@code System.out.println(RunSummary.json(outcome, exitCode));}</pre>
 */
public final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSummary() {
    }

    public static String json(ScenarioRunner.RunOutcome outcome, int exitCode) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_dir", outcome.runDir() == null ? null : outcome.runDir().toAbsolutePath().toString());
        o.put("exit", exitCode);
        Result r = outcome.result();
        o.put("verdict", r == null ? null : r.verdict());
        o.put("aborted", outcome.aborted());
        if (r != null && r.score() != null) {
            o.put("score", r.score());
        }
        ArrayNode checks = o.putArray("checks");
        if (r != null) {
            for (CheckResult c : r.checks()) {
                checks.addObject().put("name", c.name()).put("verdict", c.verdict()).put("measured", c.measured())
                        .put("expected", c.expected()).put("reason", c.reason());
            }
        }
        return o.toString();
    }
}
