package dev.gauntlet.harness.kind.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.observe.ViewObserver;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.GatewayProcess;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.runtime.TestCaTrustStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our own gateway core ({@code gateway-under-test}) as a gateway kind: its native config is the neutral one
 * (the YAML the topology generates), its view the {@code /admin/events} stream, its labels the
 * {@code x-gauntlet-flags} header, its effective config {@code GET /admin/config}.
 *
 * <pre>{@code
 * GatewayKind builtin = GatewayKinds.byName("builtin");
 * NativeConfig yaml = builtin.render(launch);         // gateway.native.gateway.yaml
 * builtin.validate(yaml, launch);                     // java -jar gateway.jar --config ... --validate
 * Gateway gw = builtin.start(launch, yaml, registry);
 * }</pre>
 */
public final class BuiltinKind implements GatewayKind {

    public static final String NAME = "builtin";
    static final String FILE = "gateway.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

    @Override
    public String name() {
        return NAME;
    }

    /** None: every setting of the neutral format is ours; the gateway's own validation judges the values. */
    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return List.of();
    }

    @Override
    public Path binary() {
        try {
            return ProjectHome.gatewayJar();
        } catch (PartStartException e) {
            throw new GatewayUnavailableException("builtin gateway: " + e.getMessage());
        }
    }

    /** The project's version (the gateway is built from this checkout), from the parent pom. */
    @Override
    public String version() {
        try {
            Matcher m = VERSION.matcher(Files.readString(ProjectHome.root().resolve("gateway-under-test/pom.xml")));
            return m.find() ? m.group(1) : "unknown (no <version> in gateway-under-test/pom.xml)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        try {
            return new NativeConfig(Map.of(FILE, new YAMLMapper().writeValueAsString(launch.neutral())), FILE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the gateway config: " + e.getMessage(), e);
        }
    }

    /** {@code java -jar gateway.jar --config <saved> --validate}: its one-line complaint, or nothing. */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        List<String> command = List.of(ProjectHome.java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar",
                binary().toString(), "--config", config.mainPath(launch.runDir()).toString(), "--validate");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of("gateway --validate did not finish within 60 s");
            }
            return p.exitValue() == 0 ? List.of() : List.of(output.isEmpty() ? "exit " + p.exitValue() : output);
        } catch (IOException e) {
            throw new GatewayUnavailableException("builtin gateway: cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while validating");
        }
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        List<String> trust = new ArrayList<>();
        if (launch.upstreamCa() != null) {
            // upstream TLS: the gateway trusts the test CA, as gateways trust their company's internal CA
            try {
                Path store = TestCaTrustStore.write(Files.readString(launch.upstreamCa()),
                        launch.runDir().resolve("gateway-truststore.p12"));
                trust.addAll(TestCaTrustStore.jvmOptions(store));
            } catch (IOException e) {
                throw new PartStartException("gateway trust store: cannot read " + launch.upstreamCa() + ": " + e.getMessage(), e);
            }
        }
        Path file = launch.runDir().resolve(FILE);
        try {
            Files.writeString(file, config.files().get(config.main()));
        } catch (IOException e) {
            throw new PartStartException("gateway: cannot write " + file + ": " + e.getMessage(), e);
        }
        return GatewayProcess.start(file, launch.runId(), launch.runDir(), registry, trust, launch.openFilesLimit());
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        // Every effective config the gateway announces goes to the run's config history (scoring takes the bounds
        // in effect at each fault from it).
        return new BuiltinViewSource(ViewObserver.stream(gateway.adminUrl(), sink, launch.endpointIds(),
                launch.runDir().resolve(ViewObserver.CONFIG_HISTORY)));
    }

    @Override
    public AnswerLabeler labeler() {
        return AnswerLabeler.fromHeader("x-gauntlet-flags");
    }

    @Override
    public DetectionModel detectionModel() {
        return new BuiltinDetectionModel();
    }

    /** {@code GET /admin/config}: the config the gateway runs with, defaults filled in. */
    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        URI uri = URI.create(gateway.adminUrl() + "/admin/config");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new PartStartException("gateway: " + uri + " answered " + answer.statusCode());
            }
            return (ObjectNode) JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new PartStartException("gateway: cannot read " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartStartException("gateway: interrupted reading " + uri);
        }
    }
}
