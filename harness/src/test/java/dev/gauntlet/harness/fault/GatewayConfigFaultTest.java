package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GatewayConfigFaultTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void undoHoldsTheReplacedValuesOfTheNamedClusterOnly() throws Exception {
        var patch = json.readTree("{\"clusters\":[{\"name\":\"api\",\"healthCheck\":{\"path\":\"/wrong\"}}]}");
        var config = json.readTree("""
                {"listen":{"port":1},"clusters":[
                  {"name":"web","healthCheck":{"path":"/ping","interval":"1000ms"}},
                  {"name":"api","healthCheck":{"path":"/health","interval":"1000ms"}}]}""");

        var undo = GatewayConfigFault.restoring(patch, config);

        assertThat(undo).as("only api's replaced value, matched by name")
                .isEqualTo(json.readTree("{\"clusters\":[{\"name\":\"api\",\"healthCheck\":{\"path\":\"/health\"}}]}"));
    }

    @Test
    void readBackMatchesDurationsAsDurations() throws Exception {
        assertThat(JsonMatch.contains(json.readTree("{\"a\":{\"t\":\"500ms\",\"n\":2}}"), json.readTree("{\"a\":{\"t\":\"0.5s\"}}")))
                .as("0.5s reads back as 500ms").isTrue();
        assertThat(JsonMatch.contains(json.readTree("{\"a\":{\"t\":\"400ms\"}}"), json.readTree("{\"a\":{\"t\":\"0.5s\"}}")))
                .isFalse();
        assertThat(JsonMatch.contains(json.readTree("{\"s\":[200,204]}"), json.readTree("{\"s\":[200]}")))
                .as("lists compare whole").isFalse();
    }
}
