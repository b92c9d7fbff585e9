package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.Iterator;

/**
 * Whether a configuration read back holds what was written: every scalar of the written document
 * is present, durations compared as durations (a server answers {@code 500ms} for {@code 0.5s}) and
 * lists element by element.
 */
final class JsonMatch {

    private JsonMatch() {
    }

    static boolean contains(JsonNode have, JsonNode want) {
        if (have == null || have.isMissingNode()) {
            return want == null || want.isNull();
        }
        if (want.isObject()) {
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!contains(have.get(k), want.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!contains(have.get(i), want.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Duration wanted = want.isTextual() ? Durations.parseOrNull(want.asText()) : null;
        if (wanted != null) {
            return wanted.equals(Durations.parseOrNull(have.asText()));
        }
        return want.equals(have) || want.asText().equals(have.asText());
    }
}
