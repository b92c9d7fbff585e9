package dev.gauntlet.harness.kind.nginx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes an {@link NginxTranslation} as one {@code nginx.conf}. The shape:
 *
 * <pre>
 *   map "$host|$uri" → $gauntlet_cluster     routes, in order (regex map entries are tried in file order: first
 *                                            match wins, as ours; nginx's own location matching is longest prefix)
 *   upstream &lt;cluster&gt; { zone; server … max_fails=F fail_timeout=Ts; }
 *                                            zone: fail counts and the round-robin state are shared by both
 *                                            workers; without it each worker counts its own failures
 *   server 127.0.0.1:listen  location / { proxy_pass http://$gauntlet_cluster; }   (no route → 404 + NR)
 *   server 127.0.0.1:admin   /nginx_status (stub_status): the only admin nginx open source has
 * </pre>
 *
 * Every answer carries {@code x-gauntlet-upstream} ({@code $upstream_addr}: the servers tried, or the group's
 * name when none could be), {@code x-gauntlet-upstream-status} and {@code x-gauntlet-upstream-bytes}, from which
 * {@link NginxLabeler} labels it. The access log (one JSON line per request, unbuffered) and the error log at
 * {@code warn} are the view ({@link NginxLogView}).
 *
 * <pre>{@code String conf = NginxConfRenderer.render(t, runDir, "127.0.0.1", 41000, 41001);}</pre>
 */
public final class NginxConfRenderer {

    /** Worker processes, as the brief and ./run.sh bench gateway use (2 cores). */
    public static final int WORKERS = 2;
    static final String ERROR_LOG = "nginx-error.log";
    static final String ACCESS_LOG = "nginx-access.log";
    static final String PID = "nginx.pid";
    static final String ACCESS_FORMAT = "'{\"t\":$msec,\"rt\":$request_time,\"status\":$status,\"ua\":\"$upstream_addr\","
            + "\"us\":\"$upstream_status\",\"ub\":\"$upstream_bytes_received\",\"conn\":$connection}'";

    private NginxConfRenderer() {
    }

    public static String render(NginxTranslation t, Path runDir, String host, int port, int adminPort) {
        Path dir = runDir.toAbsolutePath();
        StringBuilder b = new StringBuilder();
        b.append("# Rendered by Gauntlet from the neutral gateway config (kind nginx); read by nginx 1.22.\n");
        b.append("worker_processes ").append(WORKERS).append(";\n");
        b.append("daemon off;\n");
        b.append("pid ").append(dir.resolve(PID)).append(";\n");
        // warn: "upstream server temporarily disabled" is logged at warn, connect()/timeout errors at error
        b.append("error_log ").append(dir.resolve(ERROR_LOG)).append(" warn;\n");
        b.append("events { worker_connections 4096; }\n\n");
        b.append("http {\n");
        b.append("    log_format gauntlet escape=json ").append(ACCESS_FORMAT).append(";\n");
        b.append("    access_log ").append(dir.resolve(ACCESS_LOG)).append(" gauntlet;\n");
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            b.append("    ").append(temp).append("_temp_path ").append(dir.resolve("nginx-temp").resolve(temp)).append(";\n");
        }
        b.append("    client_max_body_size ").append(t.maxBodyBytes()).append(";\n");
        b.append("    proxy_http_version 1.1;\n");
        b.append("    proxy_set_header Connection \"\";\n");
        b.append("    proxy_set_header Host $http_host;\n");
        b.append("    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
        b.append("    proxy_set_header X-Forwarded-Proto $scheme;\n\n");
        b.append("    map \"$host|$uri\" $gauntlet_cluster {\n        default \"\";\n");
        for (NginxTranslation.Route r : t.routes()) {
            b.append("        \"~^").append(hostRegex(r.host())).append("\\|").append(escape(r.pathPrefix())).append("\" ")
                    .append(r.cluster()).append(";\n");
        }
        b.append("    }\n");
        b.append("    map $gauntlet_cluster $gauntlet_no_route { \"\" NR; default \"\"; }\n\n");
        for (NginxTranslation.Cluster c : t.clusters()) {
            b.append("    upstream ").append(c.name()).append(" {\n");
            b.append("        zone ").append(c.name()).append(" 64k;\n");
            if (!t.balancer().isEmpty()) {
                b.append("        ").append(t.balancer()).append(";\n");
            }
            for (NginxTranslation.Server s : c.servers()) {
                b.append("        server ").append(s.address()).append(" weight=").append(s.weight())
                        .append(" max_fails=").append(t.maxFails()).append(" fail_timeout=").append(t.failTimeoutS())
                        .append("s").append(s.down() ? " down" : "").append(";  # ").append(s.name()).append("\n");
            }
            b.append("        keepalive 32;\n");
            b.append("    }\n");
        }
        b.append("\n    server {\n");
        b.append("        listen ").append(host).append(":").append(port).append(";\n");
        b.append("        location / {\n");
        // here, not on the server: a location with add_header of its own inherits none from the server
        b.append("            add_header x-gauntlet-flags $gauntlet_no_route always;\n");
        b.append("            if ($gauntlet_cluster = \"\") { return 404 \"no route\\n\"; }\n");
        b.append("            proxy_pass http://$gauntlet_cluster;\n");
        b.append("            proxy_next_upstream ").append(String.join(" ", t.nextUpstream())).append(";\n");
        b.append("            proxy_next_upstream_tries ").append(t.tries()).append(";\n");
        b.append("            proxy_connect_timeout ").append(ms(t.connectTimeout())).append(";\n");
        b.append("            proxy_read_timeout ").append(ms(t.readTimeout())).append(";\n");
        b.append("            proxy_send_timeout ").append(ms(t.readTimeout())).append(";\n");
        b.append("            add_header x-gauntlet-upstream $upstream_addr always;\n");
        b.append("            add_header x-gauntlet-upstream-status $upstream_status always;\n");
        b.append("            add_header x-gauntlet-upstream-bytes $upstream_bytes_received always;\n");
        b.append("        }\n    }\n\n");
        b.append("    server {\n");
        b.append("        listen 127.0.0.1:").append(adminPort).append(";\n");
        b.append("        access_log off;\n");
        b.append("        location = /nginx_status { stub_status; }\n");
        b.append("        location / { return 404; }\n");
        b.append("    }\n}\n");
        return b.toString();
    }

    private static String ms(Duration d) {
        return Math.max(1, d.toMillis()) + "ms";
    }

    /** {@code *} any host, {@code *.example.com} a suffix, else exact ($host is lower-case, without the port). */
    static String hostRegex(String host) {
        if (host.equals("*")) {
            return "[^|]*";
        }
        if (host.startsWith("*.")) {
            return "[^|]*" + escape(host.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return escape(host.toLowerCase(java.util.Locale.ROOT));
    }

    static String escape(String literal) {
        StringBuilder b = new StringBuilder();
        for (char ch : literal.toCharArray()) {
            if (".[]{}()*+?^$|\\/".indexOf(ch) >= 0 && ch != '/') {
                b.append('\\');
            }
            if (ch == '"' || ch == ';' || Character.isWhitespace(ch)) {
                throw new IllegalArgumentException("routes: " + literal + " (expected: no quotes, semicolons or spaces)");
            }
            b.append(ch);
        }
        return b.toString();
    }
}
