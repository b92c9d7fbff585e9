package dev.gauntlet.harness.kind.nginx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the health settings back out of a rendered {@code nginx.conf}, into the neutral shape (what our gateway's
 * {@code /admin/config} shows) plus an {@code nginx} block with the native figures the bound model uses. Read from
 * the file nginx really runs with, not from the translation, so a renderer bug shows in {@code gateway-config.json}.
 *
 * <pre>{@code ObjectNode effective = NginxConfReader.effective(Files.readString(conf));}</pre>
 */
public final class NginxConfReader {

    private static final Pattern UPSTREAM = Pattern.compile("^\\s*upstream (\\S+) \\{");
    private static final Pattern SERVER = Pattern.compile(
            "^\\s*server (\\S+) weight=(\\d+) max_fails=(\\d+) fail_timeout=(\\d+)s( down)?;\\s*#\\s*(\\S+)");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*(proxy_next_upstream|proxy_next_upstream_tries|"
            + "proxy_connect_timeout|proxy_read_timeout|least_conn|random|worker_processes|zone)\\b\\s*([^;]*);");

    private NginxConfReader() {
    }

    public static ObjectNode effective(String conf) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("kind", "nginx");
        ArrayNode clusters = root.putArray("clusters");
        List<ObjectNode> all = new ArrayList<>();
        ObjectNode current = null;
        String balancer = "round_robin";
        String nextUpstream = "error timeout";
        int tries = 1;
        long connectMs = 60_000;
        long readMs = 60_000;
        int workers = 1;
        boolean zone = false;
        int maxFails = 1;
        long failTimeoutS = 10;
        for (String line : conf.split("\n")) {
            Matcher u = UPSTREAM.matcher(line);
            if (u.find()) {
                current = clusters.addObject().put("name", u.group(1));
                current.putArray("endpoints");
                all.add(current);
                continue;
            }
            Matcher s = SERVER.matcher(line);
            if (s.find() && current != null) {
                ((ArrayNode) current.get("endpoints")).addObject().put("name", s.group(6)).put("address", s.group(1))
                        .put("weight", s.group(5) == null ? Integer.parseInt(s.group(2)) : 0);
                maxFails = Integer.parseInt(s.group(3));
                failTimeoutS = Long.parseLong(s.group(4));
                continue;
            }
            Matcher d = DIRECTIVE.matcher(line);
            if (d.find()) {
                String v = d.group(2).trim();
                switch (d.group(1)) {
                    case "proxy_next_upstream" -> nextUpstream = v;
                    case "proxy_next_upstream_tries" -> tries = Integer.parseInt(v);
                    case "proxy_connect_timeout" -> connectMs = millis(v);
                    case "proxy_read_timeout" -> readMs = millis(v);
                    case "least_conn" -> balancer = "least_request";
                    case "random" -> balancer = "random";
                    case "worker_processes" -> workers = Integer.parseInt(v);
                    case "zone" -> zone = true;
                    default -> { }
                }
            }
        }
        List<String> conditions = List.of(nextUpstream.split("\\s+"));
        for (ObjectNode c : all) {
            c.put("loadBalancing", balancer);
            c.putObject("healthCheck").put("enabled", false);
            ObjectNode od = c.putObject("outlierDetection").put("enabled", maxFails > 0)
                    .put("consecutiveGatewayFailure", maxFails)
                    .put("consecutive5xx", conditions.contains("http_500") ? maxFails : 0)
                    .put("baseEjectionTime", failTimeoutS * 1000 + "ms").put("maxEjectionTime", failTimeoutS * 1000 + "ms")
                    .put("ejectionJitter", "0ms").put("maxEjectionPercent", 100);
            od.put("note", "nginx max_fails: failures (the proxy_next_upstream conditions) are counted per server "
                    + "and reset only by a success after fail_timeout, not by any success");
            ObjectNode retry = c.putObject("retry").put("maxRetries", Math.max(0, tries - 1));
            ArrayNode on = retry.putArray("retryOn");
            if (conditions.contains("error")) {
                on.add("connect_failure").add("reset");
            }
            if (conditions.contains("http_500")) {
                on.add("5xx");
            } else if (conditions.contains("http_502")) {
                on.add("gateway_error");
            }
            c.put("upstreamTimeout", readMs + "ms").put("connectTimeout", connectMs + "ms").put("panicThreshold", 0);
            ObjectNode n = c.putObject("nginx").put("maxFails", maxFails).put("failTimeoutS", failTimeoutS)
                    .put("tries", tries).put("connectTimeoutMs", connectMs).put("readTimeoutMs", readMs)
                    .put("zone", zone).put("workers", workers);
            ArrayNode nu = n.putArray("proxyNextUpstream");
            conditions.forEach(nu::add);
        }
        return root;
    }

    private static long millis(String v) {
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2));
        }
        if (v.endsWith("s")) {
            return Long.parseLong(v.substring(0, v.length() - 1)) * 1000;
        }
        return Long.parseLong(v) * 1000;
    }
}
