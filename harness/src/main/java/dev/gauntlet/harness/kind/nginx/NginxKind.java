package dev.gauntlet.harness.kind.nginx;

import com.fasterxml.jackson.databind.JsonNode;
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
 * nginx 1.22 open source as a gateway under test: passive checks only ({@code max_fails}/{@code fail_timeout} in
 * a shared {@code zone}), retries by {@code proxy_next_upstream}, the view from its error and access logs, two
 * workers. docs/gateways/nginx.md says what is translated, what is refused and why.
 *
 * <pre>{@code
 * GatewayKind nginx = new NginxKind();
 * nginx.refusals(neutral);                        // e.g. healthCheck: nginx open source has no active checks
 * NativeConfig conf = nginx.render(launch);       // gateway.native.nginx.conf
 * Gateway gw = nginx.start(launch, conf, registry);
 * }</pre>
 */
public final class NginxKind implements GatewayKind {

    static final String CONF = "nginx.conf";
    private static final Pattern VERSION = Pattern.compile("nginx/(\\S+)");

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return NginxTranslation.refusals(neutralConfig);
    }

    /** {@code .tools/bin/nginx}, PATH, Debian's {@code /usr/sbin/nginx}; installed by tools/install-nginx.sh when missing. */
    @Override
    public Path binary() {
        return GatewayInstaller.ensure("nginx");
    }

    @Override
    public String version() {
        Matcher m = VERSION.matcher(run(List.of(binary().toString(), "-v")).output());
        return m.find() ? m.group(1) : "unknown";
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        NginxTranslation t = NginxTranslation.of(launch.neutral());
        String conf = NginxConfRenderer.render(t, launch.runDir(), launch.listenHost(), launch.listenPort(),
                launch.adminPort());
        return new NativeConfig(Map.of(CONF, conf), CONF);
    }

    /** {@code nginx -t} on the rendered file, in a scratch prefix inside the run directory. */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        try {
            Path dir = Files.createDirectories(launch.runDir().resolve("nginx-validate"));
            Path conf = write(config, dir);
            makeTempDirs(launch.runDir());
            Result r = run(List.of(binary().toString(), "-t", "-q", "-p", dir.toAbsolutePath() + "/", "-c",
                    conf.toAbsolutePath().toString(), "-e", dir.resolve("validate-error.log").toAbsolutePath().toString()));
            if (r.code() == 0) {
                return List.of();
            }
            return r.output().lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of("cannot write the nginx config to validate it: " + e.getMessage());
        }
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        try {
            Path conf = write(config, launch.runDir());
            return NginxGateway.start(binary(), conf, launch, registry);
        } catch (IOException e) {
            throw new PartStartException("nginx: cannot write its config into " + launch.runDir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        return NginxLogView.start(launch.runDir(), NginxTranslation.of(launch.neutral()), sink, launch.endpointIds());
    }

    @Override
    public AnswerLabeler labeler() {
        return new NginxLabeler();
    }

    @Override
    public dev.gauntlet.harness.kind.SettingNames settingNames() {
        return new NginxSettingNames();
    }

    @Override
    public DetectionModel detectionModel() {
        return new NginxDetectionModel();
    }

    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        return NginxConfReader.effective(config.files().get(CONF));
    }

    /** Writes the files as {@code gateway.native.<name>}; returns the main one. */
    private static Path write(NativeConfig config, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : config.files().entrySet()) {
            Files.writeString(dir.resolve("gateway.native." + f.getKey()), f.getValue());
        }
        return dir.resolve("gateway.native." + config.main());
    }

    private static void makeTempDirs(Path runDir) throws IOException {
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            Files.createDirectories(runDir.toAbsolutePath().resolve("nginx-temp").resolve(temp));
        }
    }

    record Result(int code, String output) {
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " did not finish within 20 s");
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
