package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HaproxyConfigRendererTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The neutral config the topology makes for one-of-three-crashes (ports made up). */
    static ObjectNode oneOfThree() throws Exception {
        return (ObjectNode) YAML.readTree("""
                listen: { host: 127.0.0.1, port: 41000 }
                admin: { host: 127.0.0.1, port: 41001 }
                routes: [ { host: "*", pathPrefix: /, cluster: api } ]
                clusters:
                  - name: api
                    loadBalancing: round_robin
                    healthCheck: { type: http, path: /health, interval: 1s, jitter: 100ms, timeout: 500ms,
                                   unhealthyThreshold: 3, healthyThreshold: 2 }
                    retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
                    endpoints:
                      - { name: api-0, address: "127.0.0.1:42000", weight: 1 }
                      - { name: api-1, address: "127.0.0.1:42001", weight: 1 }
                      - { name: api-2, address: "127.0.0.1:42002", weight: 1 }
                """);
    }

    static String render(ObjectNode neutral) {
        return new HaproxyConfigRenderer(Path.of("/run/x/haproxy.sock"), Path.of("/run/x/ca.pem"))
                .render(neutral, 41000, 41001, "run-1");
    }

    @Test
    void checkSchedulingIsTranslatedToInterFastinterDowninterRiseFall() throws Exception {
        String cfg = render(oneOfThree());
        assertThat(cfg).as("fastinter = inter: our checks keep the interval while an endpoint is failing")
                .contains("default-server inter 1000ms fastinter 1000ms downinter 1000ms rise 2 fall 3");
        assertThat(cfg).as("check read timeout").contains("timeout check 500ms");
        assertThat(cfg).as("jitter 100ms over 1s is ±5%").contains("spread-checks 5");
        assertThat(cfg).as("http check with the expected status")
                .contains("option httpchk", "http-check send meth GET uri /health", "http-check expect status 200");
        assertThat(cfg).as("each endpoint a checked server")
                .contains("server api-0 127.0.0.1:42000 weight 1 check", "server api-2 127.0.0.1:42002 weight 1 check");
    }

    @Test
    void retriesGoToAnotherServerOnConnectFailureAndEmptyAnswers() throws Exception {
        String cfg = render(oneOfThree());
        assertThat(cfg).as("retries").contains("retries 1", "retry-on conn-failure empty-response", "option redispatch 1");
    }

    @Test
    void logAndStatsSocketsAreOnLoopbackAndTheRunDirectory() throws Exception {
        String cfg = render(oneOfThree());
        assertThat(cfg).as("syslog to the harness on the admin port number, rfc5424 for µs stamps")
                .contains("log 127.0.0.1:41001 len 8192 format rfc5424 local0 info");
        assertThat(cfg).as("stats socket").contains("stats socket /run/x/haproxy.sock mode 600 level admin");
        assertThat(cfg).as("two threads").contains("nbthread 2");
        assertThat(cfg).as("admin frontend on loopback").contains("bind 127.0.0.1:41001");
    }

    @Test
    void everyOwnAnswerIsLabelledByCause() throws Exception {
        String cfg = render(oneOfThree());
        assertThat(cfg).as("NHU").contains("set-header x-gauntlet-flags UH if { status 503 } !{ var(txn.gx_srv) -m found } { nbsrv eq 0 }");
        assertThat(cfg).as("connect failure").contains("x-gauntlet-flags UF if { status 502 503 }");
        assertThat(cfg).as("timeout").contains("x-gauntlet-flags UT if { status 504 }");
        assertThat(cfg).as("no route").contains("default_backend gx_no_route", "x-gauntlet-flags NR");
    }

    @Test
    void tcpChecksListsOfStatusesBodiesAndTlsTranslate() throws Exception {
        ObjectNode n = oneOfThree();
        ObjectNode c = (ObjectNode) n.path("clusters").get(0);
        ((ObjectNode) c.get("healthCheck")).putArray("expectedStatuses").add(200).add(401);
        ((ObjectNode) c.get("healthCheck")).put("expectedBody", "up ok");
        c.putObject("tls").put("enabled", true).put("sni", "api.test");
        c.put("loadBalancing", "least_request");
        String cfg = render(n);
        assertThat(cfg).as("several statuses").contains("http-check expect rstatus ^(200|401)$");
        assertThat(cfg).as("body").contains("http-check expect string up\\ ok");
        assertThat(cfg).as("tls verified against the test CA").contains("ssl verify required ca-file /run/x/ca.pem sni str(api.test)");
        assertThat(cfg).as("least_request is power of two choices").contains("balance random(2)");
        ((ObjectNode) c.get("healthCheck")).put("type", "tcp");
        assertThat(render(n)).as("tcp check").contains("option tcp-check").doesNotContain("option httpchk");
    }

    @Test
    void outlierDetectionIsObserveLayer7AndPerTryTimeoutIsTimeoutServerRetriedOnResponseTimeout() throws Exception {
        ObjectNode n = oneOfThree();
        ObjectNode c = (ObjectNode) n.path("clusters").get(0);
        c.putObject("outlierDetection").put("consecutive5xx", 4);
        ((ObjectNode) c.get("retry")).put("perTryTimeout", "500ms");
        String cfg = render(n);
        assertThat(cfg).as("passive").contains("observe layer7 error-limit 4 on-error mark-down");
        assertThat(cfg).as("per try").contains("timeout server 500ms", "retry-on conn-failure empty-response response-timeout");
        assertThat(HaproxyCluster.from(c).effective().path("outlierDetection").path("baseEjectionTime").isNull())
                .as("no ejection time: stated as null in the effective config").isTrue();
    }
}
