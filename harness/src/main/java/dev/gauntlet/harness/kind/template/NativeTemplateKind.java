package dev.gauntlet.harness.kind.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.SettingNames;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway kind running the user's own config: the kind itself, except that its native file is the scenario's
 * template rendered for the run (not the neutral config translated), its validator's complaint names the
 * template's line, and its effective config is read from what the user's file says. Every other ability
 * (start, view, labels, bounds) is the kind's own, so the rest of the harness does not know the difference.
 *
 * <pre>{@code
 * GatewayKind kind = NativeTemplateKind.resolve(scenario.gateway());   // the kind itself when there is no template
 * NativeConfig files = kind.render(launch);        // the template rendered: gateway.native.haproxy.cfg
 * kind.validate(files, launch);                    // saves gateway.template.*, gateway.vars.json; TemplateException
 * }</pre>
 */
public final class NativeTemplateKind implements GatewayKind {

    /** The run-dir file with the variables' values: name → {value, given, default}. */
    public static final String VARS_FILE = "gateway.vars.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayKind kind;
    private final TemplateDialect dialect;
    private final NativeTemplateSpec spec;
    private final Template template;
    private volatile RenderedTemplate last;

    private NativeTemplateKind(GatewayKind kind, TemplateDialect dialect, NativeTemplateSpec spec) {
        this.kind = kind;
        this.dialect = dialect;
        this.spec = spec;
        this.template = spec.template();
    }

    /** The kind named {@code kindName}, rendering {@code spec} when there is one (null: the kind as it is). */
    public static GatewayKind resolve(String kindName, NativeTemplateSpec spec) {
        GatewayKind kind = GatewayKinds.byName(kindName);
        if (spec == null) {
            return kind;
        }
        TemplateDialect dialect = kind.templates();
        if (dialect == null) {
            throw TemplateException.of(spec.shownAs(), "gateway kind " + kindName + " takes no native template yet",
                    "gateway.config for " + kindName);
        }
        return new NativeTemplateKind(kind, dialect, spec);
    }

    /** The last rendering (after {@link #render}), for dry runs and the run's files. */
    public RenderedTemplate lastRendered() {
        return last;
    }

    public NativeTemplateSpec spec() {
        return spec;
    }

    /** The values a template may name for {@code launch}: common, the kind's own and the clusters' endpoints. */
    TemplateContext context(GatewayLaunch launch) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        JsonNode neutral = launch.neutral();
        placeholders.put("listen.host", launch.listenHost());
        placeholders.put("listen.port", String.valueOf(launch.listenPort()));
        placeholders.put("admin.host", neutral.path("admin").path("host").asText(launch.listenHost()));
        placeholders.put("admin.port", String.valueOf(launch.adminPort()));
        Path dir = launch.runDir().toAbsolutePath();
        placeholders.put("run.dir", dir.toString());
        placeholders.put("upstream.ca", (launch.upstreamCa() != null ? launch.upstreamCa().toAbsolutePath()
                : dir.resolve("upstream-ca.pem")).toString());
        placeholders.putAll(dialect.placeholders(launch));
        Map<String, List<TemplateEndpoint>> clusters = new LinkedHashMap<>();
        for (JsonNode c : neutral.path("clusters")) {
            String name = c.path("name").asText();
            if (c.has("dnsEndpoints")) {
                throw TemplateException.of(spec.shownAs(), "cluster " + name + " finds its endpoints through DNS",
                        "static backend pools with gateway.native (no dns: on pool " + name + ")");
            }
            List<TemplateEndpoint> eps = new ArrayList<>();
            for (JsonNode e : c.path("endpoints")) {
                String address = e.path("address").asText();
                int colon = address.lastIndexOf(':');
                eps.add(new TemplateEndpoint(e.path("name").asText(address), address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), e.path("weight").asInt(1)));
            }
            clusters.put(name, eps);
        }
        Set<String> required = new LinkedHashSet<>();
        required.add("listen.port");
        required.addAll(dialect.required());
        return new TemplateContext(placeholders, clusters, dialect::backendLines, required, spec.vars());
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        RenderedTemplate r = template.render(context(launch));
        last = r;
        return new NativeConfig(Map.of(dialect.fileName(), r.text()), dialect.fileName());
    }

    /**
     * Saves the template as given and the variables' values beside the rendered file, then runs the kind's
     * validator; its first complaint is thrown as a {@link TemplateException} naming the template's line.
     */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        RenderedTemplate r = last != null ? last : template.render(context(launch));
        save(launch.runDir(), r);
        List<String> complaints = kind.validate(config, launch);
        if (!complaints.isEmpty()) {
            throw complaint(complaints.get(0), "gateway.native." + config.main(), r);
        }
        return List.of();
    }

    /** {@code <template>:<line>: <validator's words> (expected: ...)}: the rendered line the validator names, mapped back. */
    TemplateException complaint(String complaint, String renderedName, RenderedTemplate r) {
        Matcher m = Pattern.compile("\\S*" + Pattern.quote(renderedName) + "\\]?:(\\d+)\\]?").matcher(complaint);
        String expected = "a config the " + kind.name() + " gateway's own validator accepts";
        String words = complaint.replace('\n', ' ').strip();
        if (m.find()) {
            int line = r.templateLine(Integer.parseInt(m.group(1)));
            words = (complaint.substring(0, m.start()) + "rendered line " + m.group(1) + complaint.substring(m.end()))
                    .replace('\n', ' ').strip();
            if (line > 0) {
                return TemplateException.at(spec.shownAs(), line, "rejected by " + kind.name() + ": " + words, expected);
            }
        }
        return TemplateException.of(spec.shownAs(), "rejected by " + kind.name() + ": " + words, expected);
    }

    private void save(Path runDir, RenderedTemplate r) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve("gateway.template." + spec.file().getFileName()), spec.text());
            Files.writeString(runDir.resolve(VARS_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(varsJson(r)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the gateway template in " + runDir, e);
        }
    }

    /** name → {value, source: given|default, default}, as gateway.vars.json and the dry run show them. */
    public static ObjectNode varsJson(RenderedTemplate r) {
        ObjectNode out = JSON.createObjectNode();
        r.vars().forEach((name, v) -> {
            ObjectNode o = out.putObject(name).put("value", v.value()).put("source", v.given() ? "given" : "default");
            if (v.defaultValue() != null) {
                o.put("default", v.defaultValue());
            }
        });
        return out;
    }

    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        ObjectNode effective = dialect.effectiveConfig(kind, gateway, launch, config);
        if (effective != null) {
            effective.put("template", spec.shownAs());
        }
        return effective;
    }

    @Override
    public String name() {
        return kind.name();
    }

    /** None: the user's own file is the truth; the gateway's validator judges it. */
    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return List.of();
    }

    @Override
    public Path binary() {
        return kind.binary();
    }

    @Override
    public String version() {
        return kind.version();
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        return kind.start(launch, config, registry);
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        return kind.observe(gateway, launch, sink);
    }

    @Override
    public AnswerLabeler labeler() {
        return kind.labeler();
    }

    @Override
    public DetectionModel detectionModel() {
        return kind.detectionModel();
    }

    @Override
    public SettingNames settingNames() {
        return kind.settingNames();
    }

    @Override
    public TemplateDialect templates() {
        return dialect;
    }
}
