package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@code haproxy.cfg} for one launch from the neutral gateway config. Pure: the same launch gives the
 * same text, so a unit test reads it and {@code haproxy -c} checks it.
 *
 * <pre>
 *   client ─► frontend gx_in (listen port) ─► use_backend by route ─► backend &lt;cluster&gt; ─► server (proxy)
 *                                          └► default_backend gx_no_route: 404 NR
 *   harness ◄── syslog UDP 127.0.0.1:&lt;admin port&gt; ("Server api/api-0 is DOWN, reason: ...")
 *   harness ◄── stats socket (unix, run dir): "show servers state"
 *   harness ◄── frontend gx_admin (TCP admin port): /metrics (Prometheus exporter), /stats
 * </pre>
 *
 * <pre>{@code String cfg = new HaproxyConfigRenderer(socket, ca).render(neutral, listenPort, adminPort, runId);}</pre>
 */
final class HaproxyConfigRenderer {

    /** The header our labels travel in, as our gateway's and Envoy's. */
    static final String FLAGS_HEADER = "x-gauntlet-flags";
    static final String NO_ROUTE_BACKEND = "gx_no_route";
    /** HAProxy's worker threads: two, as every gateway in the bench. */
    static final int THREADS = 2;

    private final Path statsSocket;
    private final Path upstreamCa;

    /**
     * @param statsSocket the unix socket the stats/CLI socket binds (in the run directory)
     * @param upstreamCa  the test CA's PEM file servers verify TLS backends against
     */
    HaproxyConfigRenderer(Path statsSocket, Path upstreamCa) {
        this.statsSocket = statsSocket;
        this.upstreamCa = upstreamCa;
    }

    String render(JsonNode neutral, int listenPort, int adminPort, String runId) {
        List<HaproxyCluster> clusters = new ArrayList<>();
        neutral.path("clusters").forEach(c -> clusters.add(HaproxyCluster.from(c)));
        int spread = clusters.stream().mapToInt(HaproxyCluster::spreadPercent).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("# Rendered by Gauntlet (kind haproxy) for run ").append(runId).append(" from the neutral gateway config.\n");
        b.append("global\n");
        b.append("  nbthread ").append(THREADS).append('\n');
        b.append("  maxconn 4096\n");
        // server state changes go to the harness's syslog socket; rfc5424 carries a microsecond stamp
        b.append("  log 127.0.0.1:").append(adminPort).append(" len 8192 format rfc5424 local0 info\n");
        b.append("  stats socket ").append(statsSocket).append(" mode 600 level admin\n");
        if (spread > 0) {
            // global in HAProxy: the largest jitter of any cluster (one cluster is scored per run)
            b.append("  spread-checks ").append(spread).append('\n');
        }
        b.append("\ndefaults\n  mode http\n  timeout client 60s\n  timeout http-request 10s\n")
                .append("  timeout http-keep-alive 10s\n  timeout queue 5s\n");
        b.append("\nfrontend gx_in\n  bind ").append(neutral.path("listen").path("host").asText("127.0.0.1"))
                .append(':').append(listenPort).append('\n');
        b.append("  option forwardfor\n");
        routes(neutral, clusters, b);
        b.append("  default_backend ").append(NO_ROUTE_BACKEND).append('\n');
        b.append("\nfrontend gx_admin\n  bind 127.0.0.1:").append(adminPort).append('\n');
        b.append("  http-request use-service prometheus-exporter if { path /metrics }\n");
        b.append("  stats enable\n  stats uri /stats\n");
        b.append("\nbackend ").append(NO_ROUTE_BACKEND).append('\n');
        b.append("  http-request return status 404 content-type text/plain string \"no route\"\n");
        b.append("  http-after-response set-header ").append(FLAGS_HEADER).append(" NR\n");
        clusters.forEach(c -> backend(c, b));
        return b.toString();
    }

    private static void routes(JsonNode neutral, List<HaproxyCluster> clusters, StringBuilder b) {
        JsonNode routes = neutral.path("routes");
        if (!routes.isArray() || routes.isEmpty()) {
            if (clusters.size() == 1) {
                b.append("  use_backend ").append(clusters.get(0).name()).append('\n');
            }
            return;
        }
        for (JsonNode r : routes) {
            List<String> conditions = new ArrayList<>();
            String host = r.path("host").asText("*");
            if (host.startsWith("*.")) {
                conditions.add("{ req.hdr(host),field(1,:) -m end -i " + host.substring(1) + " }");
            } else if (!host.equals("*")) {
                conditions.add("{ req.hdr(host),field(1,:) -m str -i " + host + " }");
            }
            String prefix = r.path("pathPrefix").asText("/");
            if (!prefix.equals("/")) {
                conditions.add("{ path -m beg " + prefix + " }");
            }
            b.append("  use_backend ").append(r.path("cluster").asText());
            if (!conditions.isEmpty()) {
                b.append(" if ").append(String.join(" ", conditions));
            }
            b.append('\n');
        }
    }

    private void backend(HaproxyCluster c, StringBuilder b) {
        b.append("\nbackend ").append(c.name()).append('\n');
        b.append("  log global\n");
        b.append("  option log-health-checks\n"); // every check result logged: the view names what each check saw
        b.append("  balance ").append(c.balance()).append('\n');
        b.append("  retries ").append(c.retries()).append('\n');
        List<String> retryOn = c.retryOnKeywords();
        b.append("  retry-on ").append(retryOn.isEmpty() ? "none" : String.join(" ", retryOn)).append('\n');
        b.append("  option redispatch 1\n");   // every retry goes to another server, as ours
        b.append("  timeout connect ").append(c.connectTimeoutMs()).append("ms\n");
        b.append("  timeout server ").append(c.timeoutServerMs()).append("ms\n");
        b.append("  timeout check ").append(c.timeoutMs()).append("ms\n");
        if (c.checkType().equals("tcp")) {
            b.append("  option tcp-check\n");
        } else {
            b.append("  option httpchk\n");
            b.append("  http-check send meth GET uri ").append(c.path());
            if (c.host() != null) {
                b.append(" hdr Host ").append(c.host());
            }
            b.append('\n');
            if (c.expectedStatuses().size() == 1) {
                b.append("  http-check expect status ").append(c.expectedStatuses().get(0)).append('\n');
            } else {
                b.append("  http-check expect rstatus ^(").append(c.expectedStatuses().stream().map(String::valueOf)
                        .collect(Collectors.joining("|"))).append(")$\n");
            }
            if (c.expectedBody() != null) {
                b.append("  http-check expect string ").append(c.expectedBody().replace(" ", "\\ ")).append('\n');
            }
        }
        b.append("  default-server inter ").append(c.interMs()).append("ms fastinter ").append(c.interMs())
                .append("ms downinter ").append(c.downInterMs()).append("ms rise ").append(c.rise())
                .append(" fall ").append(c.fall());
        if (c.errorLimit() > 0) {
            // passive: that many consecutive errors mark the server DOWN until 'rise' checks pass
            b.append(" observe layer7 error-limit ").append(c.errorLimit()).append(" on-error mark-down");
        }
        if (c.slowStartMs() > 0) {
            b.append(" slowstart ").append(c.slowStartMs()).append("ms");
        }
        if (c.tls()) {
            b.append(" ssl");
            b.append(c.verify() ? " verify required ca-file " + upstreamCa : " verify none");
            if (c.sni() != null) {
                b.append(" sni str(").append(c.sni()).append(')');
            }
        }
        b.append('\n');
        for (HaproxyCluster.Server s : c.servers()) {
            b.append("  server ").append(s.name()).append(' ').append(s.address()).append(" weight ").append(s.weight());
            if (c.checks()) {
                b.append(" check");
            }
            b.append('\n');
        }
        // labels: an answer that came from a server is marked; HAProxy's own 503/504/502 are labelled by cause
        b.append("  http-response set-var(txn.gx_srv) bool(true)\n");
        String own = "!{ var(txn.gx_srv) -m found }";
        b.append("  http-after-response set-header ").append(FLAGS_HEADER).append(" UH if { status 503 } ").append(own)
                .append(" { nbsrv eq 0 }\n");
        b.append("  http-after-response set-header ").append(FLAGS_HEADER).append(" UF if { status 502 503 } ").append(own)
                .append(" !{ nbsrv eq 0 }\n");
        b.append("  http-after-response set-header ").append(FLAGS_HEADER).append(" UT if { status 504 } ").append(own).append('\n');
        List<String> statuses = retryOn.stream().filter(k -> k.matches("\\d+")).toList();
        if (!statuses.isEmpty() && c.retries() > 0) {
            b.append("  http-after-response set-header ").append(FLAGS_HEADER).append(" URX if { var(txn.gx_srv) -m found }")
                    .append(" { status ").append(String.join(" ", statuses)).append(" }\n");
        }
    }
}
