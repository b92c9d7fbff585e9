package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code gateway_config} (target {@code gateway}): a misconfiguration applied at run time through the
 * gateway's {@code PUT /admin/config} — a wrong health path, zero weights, a stricter timeout — the
 * guide's "API gateway configuration errors" (2.3). Verified by reading the effective config back
 * (a GET after the PUT) and comparing every patched value; healed by putting back the values it replaced,
 * verified the same way.
 */
final class GatewayConfigFault implements Fault {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final FaultContext ctx;
    private final ObjectNode patch;
    private ObjectNode undo;

    GatewayConfigFault(FaultContext ctx, FaultParams p) {
        this.ctx = ctx;
        this.patch = p.object("patch");
    }

    @Override
    public String truth() {
        return "up"; // the backends are fine; whatever NHU follows is the gateway's own doing
    }

    @Override
    public String detection() {
        return "none";
    }

    /**
     * PUT the patch, then read the gateway's effective config back with a GET of its own (not the PUT's
     * answer) and compare every patched value; stamped when that read-back returned.
     */
    @Override
    public Verification inject() throws Exception {
        JsonNode before = send("GET", null);
        undo = restoring(patch, before);
        send("PUT", patch);
        return readBack(patch, "PUT /admin/config " + patch);
    }

    @Override
    public Verification heal() throws Exception {
        send("PUT", undo);
        return readBack(undo, "PUT /admin/config " + undo + " (the replaced values)");
    }

    private Verification readBack(ObjectNode expected, String action) throws IOException, InterruptedException {
        JsonNode effective = send("GET", null);
        long seen = ctx.nowUs();
        ObjectNode readBack = restoring(patch, effective);
        boolean applied = JsonMatch.contains(readBack, expected);
        ObjectNode probe = JSON.createObjectNode().put("in_effect", applied);
        probe.set("asked", expected);
        probe.set("read_back", readBack);
        return Verification.of(applied, seen, action + "; GET /admin/config reads back " + readBack
                + (applied ? " (in effect)" : " (NOT in effect)"), probe);
    }

    /** The values {@code patch} replaces in {@code config}; clusters are matched by name, as the gateway merges them. */
    static ObjectNode restoring(JsonNode patch, JsonNode config) {
        ObjectNode undo = JSON.createObjectNode();
        patch.fields().forEachRemaining(field -> {
            JsonNode old = config.get(field.getKey());
            if (field.getKey().equals("clusters") && field.getValue().isArray() && old != null) {
                ArrayNode clusters = undo.putArray("clusters");
                for (JsonNode c : field.getValue()) {
                    for (JsonNode o : old) {
                        if (o.path("name").asText().equals(c.path("name").asText())) {
                            ObjectNode oldCluster = restoring(c, o);
                            oldCluster.put("name", c.path("name").asText());
                            clusters.add(oldCluster);
                        }
                    }
                }
            } else if (field.getValue().isObject() && old != null && old.isObject()) {
                undo.set(field.getKey(), restoring(field.getValue(), old));
            } else {
                undo.set(field.getKey(), old == null ? JSON.nullNode() : old);
            }
        });
        return undo;
    }

    private JsonNode send(String method, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ctx.runtime().gateway().adminUrl() + "/admin/config"))
                .timeout(Duration.ofSeconds(5));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("gateway /admin/config answered " + response.statusCode() + ": " + response.body().strip());
        }
        return JSON.readTree(response.body());
    }
}
