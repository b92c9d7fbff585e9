package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.fault.FaultRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pool's {@code dns:} block and the DNS faults aimed at it, validated with the one error format. */
class DnsSpecTest {

    private static final String BASE = """
            name: dns-demo
            backends:
              - pool: api
                replicas: 2
                dns: { name: api.gauntlet.test, ttl: 5s, records: [0] }
              - pool: static
                replicas: 2
            load: { rate: 10/s, duration: 30s }
            faults:
              - { at: 10s, target: api, action: dns_change, records: [1] }
              - { at: 12s, target: api, action: dns_outage, for: 5s }
            """;

    @TempDir
    Path dir;

    private Scenario load(String yaml, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("dns.yaml"), yaml);
        return new ScenarioLoader(dir, FaultRegistry.standard()::validate, (m, e) -> { }).load(file.toString(),
                List.of(overrides));
    }

    private String errorOf(String yaml, String... overrides) {
        assertThatThrownBy(() -> load(yaml, overrides)).isInstanceOf(ScenarioInvalidException.class);
        try {
            load(yaml, overrides);
        } catch (ScenarioInvalidException | IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void readsTheDnsBlockOfAPoolAndLeavesOtherPoolsStatic() throws IOException {
        Scenario s = load(BASE);

        assertThat(s.pool("api").dns()).as("api's dns block")
                .isEqualTo(new DnsSpec("api.gauntlet.test", Duration.ofSeconds(5), List.of(0)));
        assertThat(s.pool("static").usesDns()).as("a pool without dns: has a static list").isFalse();
        assertThat(s.faults()).as("dns faults accepted on the whole dns pool").extracting(FaultStep::action)
                .containsExactly("dns_change", "dns_outage");
    }

    @Test
    void defaultsToEveryReplicaAndAFiveSecondTtl() throws IOException {
        Scenario s = load(BASE, "backends[0].dns={name: api.gauntlet.test}");

        assertThat(s.pool("api").dns().records()).as("records default: every replica").containsExactly(0, 1);
        assertThat(s.pool("api").dns().ttl()).as("ttl default").isEqualTo(DnsSpec.DEFAULT_TTL);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "backends[0].dns.name=Api_Gauntlet | dns.yaml: backends[0].dns.name: Api_Gauntlet (expected: a lower-case DNS name",
            "backends[0].dns.name=localhost | dns.yaml: backends[0].dns.name: localhost (expected: a lower-case DNS name with at least two labels",
            "backends[0].dns.ttl=1.5s | dns.yaml: backends[0].dns.ttl: 1.5s (expected: whole seconds from 0s to 24h",
            "backends[0].dns.ttl=soon | dns.yaml: backends[0].dns.ttl: soon (expected: a duration like",
            "backends[0].dns.records=[2] | dns.yaml: backends[0].dns.records[0]: 2 (expected: replica indices from 0 to 1, each once)",
            "backends[0].dns.records=[0, 0] | dns.yaml: backends[0].dns.records[1]: 0 (expected: replica indices from 0 to 1, each once)",
            "backends[0].dns.records=[] | dns.yaml: backends[0].dns.records: [] (expected: at least one replica",
            "backends[0].dns.records=one | dns.yaml: backends[0].dns.records: one (expected: a list)",
            "backends[0].dns.port=53 | dns.yaml: backends[0].dns.port: unknown field (expected: one of name, records, ttl)",
            "backends[1].dns={name: api.gauntlet.test} | dns.yaml: backends[1].dns.name: api.gauntlet.test (expected: a name no other pool uses)",
            "faults[0].target=static | dns.yaml: faults[0].target: static (expected: a pool with a dns: block (api))",
            "faults[0].target=api[0] | dns.yaml: faults[0].target: api[0] (expected: the whole pool, like api",
            "faults[0].records=[5] | dns.yaml: faults[0].records[0]: 5 (expected: replica indices from 0 to 1)",
            "faults[0].records=[] | dns.yaml: faults[0].records: [] (expected: a non-empty list of distinct replica indices",
            "faults[0].records=[-1] | dns.yaml: faults[0].records[0]: -1 (expected: a non-empty list of distinct replica indices",
            "faults[1].ttl=60s | dns.yaml: faults[1].ttl: unknown field",
    })
    void rejectsABadDnsBlockOrDnsFaultWithFileFieldValueAndRule(String override, String expected) {
        assertThat(errorOf(BASE, override)).as("error for %s", override).startsWith(expected);
    }

    @Test
    void requiresTheTtlOfDnsTtl() {
        assertThat(errorOf(BASE, "faults[1]={at: 12s, target: api, action: dns_ttl}")).as("dns_ttl without ttl")
                .isEqualTo("dns.yaml: faults[1].ttl: missing (expected: " + Durations.RULE + ")");
    }
}
