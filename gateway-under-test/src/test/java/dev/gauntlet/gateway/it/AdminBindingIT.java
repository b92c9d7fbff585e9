package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gauntlet.gateway.Gateway;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code admin.allowNonLoopback}: the opt-in that lets the admin API bind beyond loopback (a gateway in a
 * container), the start-up warning when it is then unprotected, and that it stays restart-only.
 */
class AdminBindingIT {
    private static final String EXPOSED = "admin: { host: 0.0.0.0, allowNonLoopback: true }\n";
    private final Logger gatewayLog = (Logger) LoggerFactory.getLogger(Gateway.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private static String config(TestBackend a, String extraTop) {
        return extraTop + """
                clusters:
                  - name: api
                    endpoints:
                      - { name: a, address: "%s" }
                """.formatted(a.address());
    }

    @BeforeEach
    void captureGatewayLog() {
        logged.start();
        gatewayLog.addAppender(logged);
    }

    @AfterEach
    void releaseGatewayLog() {
        gatewayLog.detachAppender(logged);
        logged.stop();
    }

    @Test
    void bindsTheWildcardAddressWhenAllowedAndStillAnswersOnLoopback() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, EXPOSED))) {
            assertThat(gw.adminAddress().getAddress().isAnyLocalAddress()).as("bound address " + gw.adminAddress())
                    .isTrue();
            assertThat(admin(gw, "GET", "/admin/clusters", null).statusCode()).as("via 127.0.0.1").isEqualTo(200);
            assertThat(gw.port()).as("the proxy listener is unaffected").isPositive();
        }
    }

    @Test
    void answersOnANonLoopbackAddressOfThisMachineWhenAllowed() throws Exception {
        Optional<InetAddress> local = nonLoopbackIpv4();
        assumeTrue(local.isPresent(), "this machine has no up, non-loopback IPv4 address to reach the admin API on");
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, EXPOSED))) {
            URI uri = URI.create("http://" + local.get().getHostAddress() + ":" + gw.adminPort() + "/admin/clusters");
            HttpResponse<String> r = InProcessGateway.HTTP.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET " + uri).isEqualTo(200);
            assertThat(r.body()).as("clusters from " + uri).contains("\"name\":\"api\"");
        }
    }

    @Test
    void warnsOnceAtStartUpWhenExposedWithoutAToken() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, EXPOSED))) {
            assertThat(warnings()).as("warnings of Gateway").containsExactly(
                    "admin API bound beyond loopback on 0.0.0.0:" + gw.adminPort() + " without a bearer token"
                            + " (admin.token): anyone who can reach it can read and change the config");
        }
    }

    @Test
    void doesNotWarnWithATokenOrOnLoopback() throws Exception {
        try (TestBackend a = new TestBackend("a");
             Gateway withToken = InProcessGateway.start(config(a,
                     "admin: { host: 0.0.0.0, allowNonLoopback: true, token: s3cret }\n"));
             Gateway loopback = InProcessGateway.start(config(a, "admin: { allowNonLoopback: true }\n"));
             Gateway plain = InProcessGateway.start(config(a, ""))) {
            assertThat(withToken.adminAddress().getAddress().isAnyLocalAddress()).as("token: still bound wide").isTrue();
            assertThat(loopback.adminAddress().getAddress().isLoopbackAddress()).as("opt-in alone changes nothing")
                    .isTrue();
            assertThat(plain.adminAddress().getAddress().isLoopbackAddress()).as("default").isTrue();
            assertThat(warnings()).as("warnings of Gateway").isEmpty();
        }
    }

    @Test
    void allowNonLoopbackIsRestartOnlyButAGetDocumentSentBackIsAccepted() throws Exception {
        try (TestBackend a = new TestBackend("a");
             Gateway gw = InProcessGateway.start(config(a, "admin: { host: 0.0.0.0, allowNonLoopback: true, token: t }\n"))) {
            HttpResponse<String> doc = authed(gw, "GET", null);
            assertThat(doc.body()).as("GET /admin/config").contains("\"allowNonLoopback\":true");
            assertThat(authed(gw, "PUT", doc.body()).statusCode()).as("the document sent back whole").isEqualTo(200);
            HttpResponse<String> change = authed(gw, "PUT", "{\"admin\":{\"host\":\"127.0.0.1\",\"allowNonLoopback\":false}}");
            assertThat(change.statusCode()).as("turning it off at run time").isEqualTo(400);
            assertThat(change.body()).as("error").contains("admin: changed (expected: unchanged at run time");
        }
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static HttpResponse<String> authed(Gateway gw, String method, String body) throws Exception {
        return InProcessGateway.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gw.adminPort() + "/admin/config"))
                .header("Authorization", "Bearer t")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An address of an interface that is up and not loopback (e.g. eth0's), if this machine has one. */
    private static Optional<InetAddress> nonLoopbackIpv4() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(AdminBindingIT::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(addr -> addr instanceof Inet4Address && !addr.isLoopbackAddress() && !addr.isAnyLocalAddress())
                .findFirst();
    }

    private static boolean upAndNotLoopback(NetworkInterface nif) {
        try {
            return nif.isUp() && !nif.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
