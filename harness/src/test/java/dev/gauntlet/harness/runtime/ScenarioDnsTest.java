package dev.gauntlet.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The scenario DNS server answered over real UDP and TCP sockets on an ephemeral port, in every mode. */
class ScenarioDnsTest {

    private static final String NAME = "api.gauntlet.test";

    @TempDir
    Path dir;

    private ScenarioDns dns;

    @BeforeEach
    void start() {
        dns = ScenarioDns.start(0, Map.of(NAME, new ScenarioDns.Zone(List.of("127.0.0.10", "127.0.0.11"),
                Duration.ofSeconds(5), ScenarioDns.Mode.ANSWER)), dir.resolve("dns.log"));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    /** A query that expects an answer: a generous deadline, as the box may be busy. */
    private Message ask(String name, boolean tcp) throws IOException {
        return ask(name, tcp, Duration.ofSeconds(3));
    }

    private Message ask(String name, boolean tcp, Duration timeout) throws IOException {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(dns.port());
        resolver.setTCP(tcp);
        resolver.setTimeout(timeout);
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
    }

    private static List<String> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).sorted().toList();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersTheNamesARecordsWithTheirTtlAuthoritatively(boolean tcp) throws IOException {
        Message answer = ask(NAME, tcp);

        assertThat(answer.getRcode()).as("rcode").isEqualTo(Rcode.NOERROR);
        assertThat(addresses(answer)).as("one A record per replica address").containsExactly("127.0.0.10", "127.0.0.11");
        assertThat(answer.getSection(Section.ANSWER)).as("every record carries the zone's TTL")
                .allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(5));
        assertThat(answer.getHeader().getFlag(org.xbill.DNS.Flags.AA)).as("authoritative").isTrue();
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersTheNewRecordsAndTtlRightAfterAChange(boolean tcp) throws IOException {
        dns.update(NAME, z -> z.withAddresses(List.of("127.0.0.11")).withTtl(Duration.ofSeconds(60)));

        Message answer = ask(NAME, tcp);

        assertThat(addresses(answer)).as("the record moved to replica 1").containsExactly("127.0.0.11");
        assertThat(answer.getSection(Section.ANSWER).get(0).getTTL()).as("new TTL").isEqualTo(60);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void answersServfailAndNxdomainInThoseModes(boolean tcp) throws IOException {
        dns.update(NAME, z -> z.withMode(ScenarioDns.Mode.SERVFAIL));
        assertThat(ask(NAME, tcp).getRcode()).as("servfail mode").isEqualTo(Rcode.SERVFAIL);

        dns.update(NAME, z -> z.withMode(ScenarioDns.Mode.NXDOMAIN));
        assertThat(ask(NAME, tcp).getRcode()).as("nxdomain mode").isEqualTo(Rcode.NXDOMAIN);

        dns.update(NAME, z -> z.withMode(ScenarioDns.Mode.ANSWER));
        assertThat(addresses(ask(NAME, tcp))).as("answering again, records kept").hasSize(2);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void dropsQueriesDuringAnOutageSoTheClientTimesOut(boolean tcp) {
        dns.update(NAME, z -> z.withMode(ScenarioDns.Mode.OUTAGE));

        assertThatThrownBy(() -> ask(NAME, tcp, Duration.ofMillis(300))).as("no answer at all: the resolver times out")
                .isInstanceOf(IOException.class);
        assertThat(dns.queries()).as("the query did reach the server").isEqualTo(1);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void refusesNamesItIsNotAuthoritativeFor(boolean tcp) throws IOException {
        assertThat(ask("other.gauntlet.test", tcp).getRcode()).as("not a scenario name").isEqualTo(Rcode.REFUSED);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void logsEveryQueryWithItsTransportAndOutcome(boolean tcp) throws IOException {
        ask(NAME, tcp);
        dns.update(NAME, z -> z.withMode(ScenarioDns.Mode.SERVFAIL));
        ask(NAME, tcp);

        List<String> lines = Files.readAllLines(dir.resolve("dns.log"));
        String transport = tcp ? "tcp" : "udp";
        assertThat(lines).as("one line per query").hasSize(2);
        assertThat(lines.get(0)).as("answer line").contains(transport, NAME + ". A", "NOERROR [127.0.0.10, 127.0.0.11] ttl 5s");
        assertThat(lines.get(1)).as("servfail line").contains(transport, "SERVFAIL");
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void stopsAnsweringWhenClosed(boolean tcp) {
        dns.close();

        assertThatThrownBy(() -> ask(NAME, tcp)).as("closed server").isInstanceOf(IOException.class);
    }

    @org.junit.jupiter.api.Test
    void refusesAnUnknownNameInUpdates() {
        assertThatThrownBy(() -> dns.update("nope.gauntlet.test", z -> z)).as("unknown name")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.gauntlet.test");
    }
}
