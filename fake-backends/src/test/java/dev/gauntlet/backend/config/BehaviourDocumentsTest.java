package dev.gauntlet.backend.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehaviourDocumentsTest {
    @Test
    void emptyDocumentGivesTheDefaults() {
        assertThat(BehaviourDocuments.load("{}")).as("{}").isEqualTo(BehaviourConfig.DEFAULT);
    }

    @Test
    void wholeDocumentRoundTripsThroughJson() {
        BehaviourConfig b = BehaviourDocuments.load("""
                {"seed":9,"status":201,"bodySize":10,"latency":{"median":"5ms","p99":"20ms"},
                 "errors":{"rate":0.1,"status":503,"body":"x","everyNth":3},
                 "health":{"path":"/hc","flapPeriod":"2s","requireHeader":"x-token"},
                 "warmup":{"duration":"10s","requests":5,"latency":"1s","status":503,"includeHealth":true},
                 "capacity":{"maxConcurrency":4,"queueSize":8,"serviceTime":"20ms"},
                 "cpuBurn":{"threads":1,"share":0.5},"memoryBalloon":{"mib":10},
                 "connection":{"fault":"partial_body","rate":0.5},"tls":{"mode":"expired"}}""");
        assertThat(BehaviourConfig.fromJson(b.toJson())).as("read back from its own JSON").isEqualTo(b);
        assertThat(b.latency().p99()).as("latency.p99").isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void latencyShorthandIsFixed() {
        assertThat(BehaviourDocuments.load("{\"latency\":\"7ms\"}").latency()).as("latency \"7ms\"")
                .isEqualTo(LatencyConfig.fixed(Duration.ofMillis(7)));
    }

    @Test
    void errorsNameSourcePathValueAndRule() {
        assertThatThrownBy(() -> BehaviourDocuments.load("{\"health\":{\"status\":99}}")).as("health.status 99")
                .hasMessage("--behaviour: health.status: 99 (expected: an HTTP status 100-599)");
        assertThatThrownBy(() -> BehaviourDocuments.load("{\"latncy\":{}}")).as("misspelt section")
                .hasMessageStartingWith("--behaviour: latncy: {} (expected: one of the keys seed, status");
        assertThatThrownBy(() -> BehaviourDocuments.load("{\"health\":{\"requireValue\":\"t\"}}")).as("value without header")
                .hasMessage("--behaviour: health.requireValue: t (expected: given only with requireHeader)");
        assertThatThrownBy(() -> BehaviourDocuments.load("{\"connection\":{\"fault\":\"explode\"}}")).as("unknown fault")
                .hasMessage("--behaviour: connection.fault: explode (expected: one of none, close_mid_response, "
                        + "partial_body, stop_reading)");
        assertThatThrownBy(() -> BehaviourDocuments.load("{\"capacity\":{\"serviceTime\":\"-1ms\"}}")).as("negative")
                .hasMessage("--behaviour: capacity.serviceTime: \"-1ms\" (expected: a duration like 250ms, 1s, 1.5s, 2m)");
    }

    @Test
    void yamlFilesAreReadAndErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("slow.yaml");
        Files.writeString(good, "latency:\n  fixed: 5ms\nerrors: { rate: 0.5 }\n");
        assertThat(BehaviourDocuments.load(good.toString()).errors().rate()).as("errors.rate from YAML").isEqualTo(0.5);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cpuBurn: { threads: 100 }\n");
        assertThatThrownBy(() -> BehaviourDocuments.load(bad.toString())).as("bad YAML file")
                .hasMessage("bad.yaml: cpuBurn.threads: 100 (expected: 0-64)");
    }

    @Test
    void mergeKeepsUnmentionedFieldsAndSwitchesLatencyMode() {
        BehaviourConfig start = BehaviourDocuments.load("{\"latency\":{\"fixed\":\"5ms\"},\"errors\":{\"status\":503}}");
        BehaviourConfig next = BehaviourDocuments.merge(start, "{\"latency\":{\"median\":\"5ms\",\"p99\":\"9ms\"},"
                + "\"errors\":{\"rate\":0.5}}", "test");
        assertThat(next.latency().isFixed()).as("latency switched to a distribution").isFalse();
        assertThat(next.errors()).as("errors merged").isEqualTo(new ErrorsConfig(0.5, 503, "", 0));
        BehaviourConfig back = BehaviourDocuments.merge(next, "{\"latency\":{\"fixed\":\"1ms\"}}", "test");
        assertThat(back.latency()).as("latency back to fixed").isEqualTo(LatencyConfig.fixed(Duration.ofMillis(1)));
    }

    @Test
    void invalidMergeThrowsAndNamesTheSource() {
        assertThatThrownBy(() -> BehaviourDocuments.merge(BehaviourConfig.DEFAULT, "{\"errors\":{\"rate\":-1}}",
                "/_control/behaviour")).as("negative rate")
                .hasMessage("/_control/behaviour: errors.rate: -1.0 (expected: a fraction 0.0-1.0)");
        assertThatThrownBy(() -> BehaviourDocuments.merge(BehaviourConfig.DEFAULT, "[1]", "/_control/behaviour"))
                .as("array").hasMessage("/_control/behaviour: [1] (expected: a JSON object)");
    }
}
