package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.gateway.Gateway;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoints from a real (test) DNS server, re-resolved by TTL. */
class DnsEndpointsIT {

    @Test
    void followsTheDnsNameFromUnresolvedThroughOutageToRemoval() throws Exception {
        try (TestDnsServer dns = new TestDnsServer(); TestBackend b = new TestBackend("b")) {
            dns.mode = TestDnsServer.Mode.NXDOMAIN;
            try (Gateway gw = InProcessGateway.start("""
                    dns: { server: "%s", ttlFloor: 100ms, errorRetry: 100ms, timeout: 200ms }
                    clusters:
                      - name: api
                        dnsEndpoints: { hostname: api.test, port: %d }
                        healthCheck: { interval: 100ms }
                    """.formatted(dns.address(), b.port()))) {
                assertThat(get(gw, "/x").headers().firstValue("x-gauntlet-flags")).as("no address yet: NHU")
                        .contains("UH");
                dns.addresses = List.of("127.0.0.1");
                dns.mode = TestDnsServer.Mode.ANSWER;
                await().atMost(Duration.ofSeconds(3)).until(() -> get(gw, "/x").statusCode() == 200);
                assertThat(gw.clusters().get("api").endpoints()).extracting(e -> e.name()).as("endpoint named ip:port")
                        .containsExactly("127.0.0.1:" + b.port());
                var endpoint = gw.clusters().get("api").endpoints().get(0);
                long checks = endpoint.health().checks();
                dns.mode = TestDnsServer.Mode.SERVFAIL;
                await().atMost(Duration.ofSeconds(3)).until(() -> endpoint.health().checks() > checks + 3);
                assertThat(get(gw, "/x").statusCode()).as("stale on SERVFAIL").isEqualTo(200);
                dns.mode = TestDnsServer.Mode.SILENT;
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> get(gw, "/x").statusCode() == 200);
                dns.mode = TestDnsServer.Mode.ANSWER;
                assertThat(gw.clusters().get("api").endpoints().get(0)).as("the endpoint that stayed is the same object")
                        .isSameAs(endpoint);
                dns.addresses = List.of();
                await().atMost(Duration.ofSeconds(3)).until(() -> get(gw, "/x").statusCode() == 503);
            }
        }
    }
}
