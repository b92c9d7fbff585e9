package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BehaviourFaultTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void restoringPatchPutsBackOldValuesAndResetsKeysThatWereAbsent() throws Exception {
        var patch = json.readTree("{\"health\":{\"requireHeader\":\"authorization\",\"status\":500},\"errors\":{\"rate\":0.5}}");
        var before = json.readTree("{\"health\":{\"path\":\"/health\",\"status\":200},\"errors\":{\"rate\":0.0,\"status\":500}}");

        var undo = BehaviourFault.restoring(patch, before);

        assertThat(undo.toString()).as("only what the patch touched, each as it was")
                .isEqualTo("{\"health\":{\"requireHeader\":null,\"status\":200},\"errors\":{\"rate\":0.0}}");
    }
}
