package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayInstaller;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Caddy 2.11.9 as a gateway under test: reverse_proxy with active checks (fixed-rate ticker, non-consecutive
 * counts) and passive checks (a sliding failure count), its view from its events log and admin API, answers
 * labelled from {@code {http.error.message}}. docs/gateways/caddy.md says what is translated and refused.
 *
 * <pre>{@code
 * GatewayKind caddy = new CaddyKind();
 * NativeConfig conf = caddy.render(launch);           // gateway.native.caddy.json
 * Gateway gw = caddy.start(launch, conf, registry);
 * }</pre>
 */
public final class CaddyKind implements GatewayKind {

    static final String CONF = "caddy.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE_VERSION = Pattern.compile("github.com/caddyserver/caddy/v2\\s+v(\\S+)");
    private static final Pattern RELEASE_VERSION = Pattern.compile("^v(\\d+\\.\\d+\\.\\d+\\S*)");

    @Override
    public String name() {
        return "caddy";
    }

    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return CaddyTranslation.refusals(neutralConfig);
    }

    /** {@code .tools/bin/caddy}, then PATH; installed by tools/install-caddy.sh (go install) when missing. */
    @Override
    public Path binary() {
        return GatewayInstaller.ensure("caddy");
    }

    @Override
    public String version() {
        String v = run(List.of(binary().toString(), "version")).output().trim();
        Matcher release = RELEASE_VERSION.matcher(v);
        if (release.find()) {
            return release.group(1);
        }
        Matcher m = MODULE_VERSION.matcher(run(List.of(binary().toString(), "build-info")).output());
        return m.find() ? m.group(1) : "unknown";
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        CaddyTranslation t = CaddyTranslation.of(launch.neutral());
        ObjectNode json = CaddyConfRenderer.render(t, launch.runDir(), launch.listenHost(), launch.listenPort(),
                launch.adminPort());
        return new NativeConfig(Map.of(CONF, json.toPrettyString()), CONF);
    }

    /** {@code caddy validate} on a copy whose log goes to a scratch file (validating provisions the loggers). */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        try {
            Path dir = Files.createDirectories(launch.runDir().resolve("caddy-validate"));
            ObjectNode json = (ObjectNode) JSON.readTree(config.files().get(CONF));
            ((ObjectNode) json.path("logging").path("logs").path("gauntlet").path("writer"))
                    .put("filename", dir.resolve("validate-view.log").toAbsolutePath().toString());
            Path file = dir.resolve("gateway.native." + CONF);
            Files.writeString(file, json.toPrettyString());
            Result r = run(CaddyGateway.command(binary(), file, dir, "validate"));
            if (r.code() == 0) {
                return List.of();
            }
            List<String> errors = r.output().lines().filter(l -> l.startsWith("Error")).toList();
            return errors.isEmpty() ? List.of(r.output().strip()) : errors;
        } catch (IOException e) {
            return List.of("cannot write the caddy config to validate it: " + e.getMessage());
        }
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        try {
            Files.createDirectories(launch.runDir());
            Path file = launch.runDir().resolve("gateway.native." + CONF);
            Files.writeString(file, config.files().get(CONF));
            return CaddyGateway.start(binary(), file, launch, registry);
        } catch (IOException e) {
            throw new PartStartException("caddy: cannot write its config into " + launch.runDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        return CaddyLogView.start(launch.runDir(), gateway.adminUrl(), CaddyTranslation.of(launch.neutral()), sink,
                launch.endpointIds());
    }

    @Override
    public AnswerLabeler labeler() {
        return new CaddyLabeler();
    }

    @Override
    public dev.gauntlet.harness.kind.SettingNames settingNames() {
        return new CaddySettingNames();
    }

    @Override
    public DetectionModel detectionModel() {
        return new CaddyDetectionModel();
    }

    /** From the running Caddy's {@code GET /config/} when it answers, else from the rendered file. */
    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        try {
            var http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.adminUrl() + "/config/"))
                    .timeout(java.time.Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                ObjectNode out = CaddyConfReader.effective(JSON.readTree(r.body()));
                out.put("source", "caddy admin GET /config/");
                return out;
            }
        } catch (IOException notRunning) {
            // fall through to the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            ObjectNode out = CaddyConfReader.effective(JSON.readTree(config.files().get(CONF)));
            out.put("source", "rendered gateway.native.caddy.json");
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("caddy: the rendered config is not JSON: " + e.getMessage(), e);
        }
    }

    record Result(int code, String output) {
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within 30 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
