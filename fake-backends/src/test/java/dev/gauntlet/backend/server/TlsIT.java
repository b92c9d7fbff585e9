package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIT {
    @Test
    void selfSignedCertificateFailsADefaultClientButWorksWhenPinned() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"self_signed\"}}")) {
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), b)).as("default trust store")
                    .isInstanceOf(SSLHandshakeException.class);
            X509Certificate cert = serverCertificate(b);
            assertThat(cert.getSubjectX500Principal().getName()).as("subject").isEqualTo("CN=localhost");
            assertThat(cert.getNotAfter().toInstant()).as("not after").isAfter(Instant.now());
            var r = get(trusting(cert), b);
            assertThat(r.statusCode()).as("status over HTTPS with the certificate pinned").isEqualTo(200);
            assertThat(r.headers().firstValue("x-backend-id")).as("x-backend-id over HTTPS").hasValue("api-0");
        }
    }

    @Test
    void caSignedCertificateWorksForAClientTrustingTheTestCa() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"ca_signed\"}}")) {
            assertThat(get(trusting(testCa(b)), b).statusCode()).as("status with the test CA trusted").isEqualTo(200);
        }
    }

    @Test
    void expiredCertificateFailsTheHandshakeForAClientTrustingTheTestCa() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"expired\"}}")) {
            X509Certificate cert = serverCertificate(b);
            assertThat(cert.getNotAfter().toInstant()).as("not after").isBefore(Instant.now());
            assertThatThrownBy(() -> get(trusting(testCa(b)), b)).as("client trusting the CA, expired leaf")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void certificatesAlsoNameTheAddressesClientsReachTheBackendAt() throws Exception {
        SelfSignedCertificates.nameAlsoAddresses(List.of(new byte[] {10, (byte) 213, 7, 2}));
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"ca_signed\"}}")) {
            assertThat(serverCertificate(b).getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
                    .as("SANs: the host name, loopback and the proxy's address").contains("localhost", "127.0.0.1", "10.213.7.2");
        } finally {
            SelfSignedCertificates.nameAlsoAddresses(List.of());
        }
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"wrong_host\"}}")) {
            assertThat(serverCertificate(b).getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
                    .as("a wrong-host certificate names no address").containsExactly("wrong-host.invalid");
        }
    }

    @Test
    void wrongHostCertificateFailsHostnameVerification() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"tls\":{\"mode\":\"wrong_host\"}}")) {
            X509Certificate cert = serverCertificate(b);
            assertThat(cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
                    .as("SANs").containsExactly("wrong-host.invalid");
            assertThatThrownBy(() -> get(trusting(testCa(b)), b)).as("client trusting the CA, connecting to 127.0.0.1")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void providedKeystoreIsServed(@TempDir Path dir) throws Exception {
        var g = SelfSignedCertificates.generate("api.test", List.of("api.test"), true,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", g.keys().getPrivate(), "pw".toCharArray(), new Certificate[] {g.certificate()});
        Path file = dir.resolve("api.p12");
        try (var out = new FileOutputStream(file.toFile())) {
            ks.store(out, "pw".toCharArray());
        }
        String json = "{\"tls\":{\"mode\":\"provided\",\"keystore\":\"" + file + "\",\"password\":\"pw\"}}";
        try (BackendFixture b = BackendFixture.start(json)) {
            assertThat(serverCertificate(b)).as("served certificate").isEqualTo(g.certificate());
            assertThat(get(trusting(g.certificate()), b).statusCode()).as("status with the provided certificate").isEqualTo(200);
        }
    }

    @Test
    void tlsCanBeSwitchedOnAndOffAtRunTimeOnTheSamePort() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            int port = b.backend.port();
            assertThat(b.get("/x").statusCode()).as("plain HTTP first").isEqualTo(200);
            assertThat(b.put("{\"tls\":{\"mode\":\"self_signed\"}}").statusCode()).as("switch on").isEqualTo(200);
            assertThat(b.backend.port()).as("same port").isEqualTo(port);
            assertThat(get(trusting(serverCertificate(b)), b).statusCode()).as("HTTPS after the switch").isEqualTo(200);
            b.put("{\"tls\":{\"mode\":\"off\"}}");
            assertThat(b.get("/x").statusCode()).as("plain HTTP again").isEqualTo(200);
            var bad = b.put("{\"tls\":{\"mode\":\"provided\",\"keystore\":\"/no/such.p12\"}}");
            assertThat(bad.statusCode()).as("unreadable keystore").isEqualTo(400);
            assertThat(bad.body().trim()).as("unreadable keystore error").isEqualTo(
                    "/_control/behaviour: tls.keystore: /no/such.p12 (expected: a readable PKCS#12 or JKS keystore that tls.password opens)");
            assertThat(b.get("/x").statusCode()).as("still plain HTTP after the rejected change").isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient client, BackendFixture b) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + b.backend.port() + "/x"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static X509Certificate testCa(BackendFixture b) throws Exception {
        String pem = b.control("GET", "/_control/tls/ca").body();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A client whose only trust anchor is {@code cert}; it checks the chain's dates and the host name. */
    private static HttpClient trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pinned", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }

    private static X509Certificate serverCertificate(BackendFixture b) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", b.backend.port())) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }
}
