package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A single probe's figures as the {@code probe} object of a {@code timeline.jsonl} line:
 * {@code {"outcome":"refused","status":-1,"probe_ms":0.3}}.
 */
final class ProbeFigures {

    private ProbeFigures() {
    }

    static ObjectNode of(Probe.Result r) {
        return JsonNodeFactory.instance.objectNode().put("outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                .put("status", r.status()).put("probe_ms", ToxicFault.round(r.millis()));
    }
}
