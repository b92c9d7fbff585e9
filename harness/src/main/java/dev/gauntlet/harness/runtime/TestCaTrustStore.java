package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.topology.EndpointPlan;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

/**
 * The Gauntlet test CA (the one every fake backend's {@code ca_signed} certificate is signed by) as a trust
 * store for the gateway JVM, the way a company's internal CA is installed on its gateways. Made only when a
 * cluster of the gateway config has upstream TLS on; then a {@code ca_signed} backend is trusted and a
 * {@code self_signed}, {@code expired} or {@code wrong_host} one is not (guide 2.3, "Untrusted Certificates").
 *
 * <pre>{@code
 * if (TestCaTrustStore.needed(config)) {
 *     Path store = TestCaTrustStore.write(TestCaTrustStore.fetchCa(anyBackend), runDir.resolve("gateway-truststore.p12"));
 *     jvmOptions.addAll(TestCaTrustStore.jvmOptions(store));
 * }
 * }</pre>
 */
public final class TestCaTrustStore {

    static final String PASSWORD = "gauntlet";
    static final String ALIAS = "gauntlet-test-ca";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestCaTrustStore() {
    }

    /** Whether any cluster of this gateway config talks TLS to its endpoints. */
    public static boolean needed(JsonNode gatewayConfig) {
        for (JsonNode cluster : gatewayConfig.path("clusters")) {
            if (cluster.path("tls").path("enabled").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    /** The CA's PEM from a running backend's control API ({@code GET /_control/tls/ca}). */
    public static String fetchCa(EndpointPlan backend) {
        URI uri = URI.create("http://" + backend.host() + ":" + backend.controlPort() + "/_control/tls/ca");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new PartStartException("gateway trust store: " + uri + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new PartStartException("gateway trust store: cannot read the test CA from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartStartException("gateway trust store: interrupted reading " + uri);
        }
    }

    /** Writes a PKCS#12 trust store holding the one certificate in {@code pem}. */
    public static Path write(String pem, Path file) {
        try {
            Certificate ca = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, ca);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new PartStartException("gateway trust store: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JVM options that make this store the gateway's only trust anchors. */
    public static List<String> jvmOptions(Path store) {
        return List.of("-Djavax.net.ssl.trustStore=" + store.toAbsolutePath(), "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }
}
