package dev.gauntlet.report.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** run.json's epoch offset: monotonic stamps shown as wall time; old runs (epoch stamps, no offset) unchanged. */
class RunManifestEpochTest {

    private static final String OLD = """
            {"run_id":"r","scenario":"s","description":"","start_us":1796400000000000,"end_us":1796400020000000,
             "aborted":false,"gateway_kind":"builtin","view_observed":true,"cluster":"api","endpoints":[],
             "target_rate_per_sec":100.0,"expect":{},"runtime":"local"}
            """;

    @Test
    void anOldRunHasNoOffsetAndItsStampsAreEpochAlready() throws Exception {
        RunManifest m = RunDirectory.JSON.readValue(OLD, RunManifest.class);
        assertThat(m.epochOffsetUs()).isNull();
        assertThat(m.epochUs(m.startUs())).isEqualTo(1_796_400_000_000_000L);
    }

    @Test
    void aMonotonicRunIsShownInWallTimeThroughItsOffset() throws Exception {
        String json = OLD.replace("1796400000000000", "5000000000").replace("1796400020000000", "5020000000")
                .replace("\"runtime\":\"local\"", "\"runtime\":\"local\",\"epoch_offset_us\":1796395000000000");
        RunManifest m = RunDirectory.JSON.readValue(json, RunManifest.class);
        assertThat(m.epochUs(m.startUs())).as("5000 s of uptime + offset").isEqualTo(1_796_400_000_000_000L);
        assertThat(RunDirectory.JSON.writeValueAsString(m)).contains("\"epoch_offset_us\":1796395000000000");
    }
}
