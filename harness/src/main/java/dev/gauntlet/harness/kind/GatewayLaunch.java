package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Everything a kind needs to render and start one gateway for one run: the neutral config (listen, admin,
 * routes, clusters with their endpoints' proxy addresses, exactly as our own gateway would be configured),
 * the ports the topology allocated, and where the run's files go.
 *
 * @param runId        names processes, log files and resources after the run
 * @param runDir       where native configs, logs and sockets go
 * @param neutral      the topology's gateway config (our format), with {@code listen.port} and
 *                     {@code admin.port} set to the allocated ports
 * @param listenHost   the data-plane address (127.0.0.1 in the local runtime)
 * @param listenPort   where the load goes
 * @param adminPort    the kind's admin/stats/API port (each kind uses it as it can; nginx: unused)
 * @param cluster      the cluster being scored (run.json {@code cluster})
 * @param endpointIds  gateway endpoint name or {@code ip:port} → topology endpoint id ({@code api-0})
 * @param openFilesLimit the gateway process's open-files limit to set once it is ready (0: left alone)
 * @param upstreamCa   the test CA's certificate (PEM file) the gateway must trust to reach TLS backends; null
 *                     when no cluster speaks TLS upstream
 */
public record GatewayLaunch(String runId, Path runDir, ObjectNode neutral, String listenHost, int listenPort,
                            int adminPort, String cluster, UnaryOperator<String> endpointIds, int openFilesLimit,
                            Path upstreamCa) {

    /** A launch with the open-files limit left alone and no upstream TLS. */
    public GatewayLaunch(String runId, Path runDir, ObjectNode neutral, String listenHost, int listenPort,
                         int adminPort, String cluster, UnaryOperator<String> endpointIds) {
        this(runId, runDir, neutral, listenHost, listenPort, adminPort, cluster, endpointIds, 0, null);
    }

    /** The admin API's base URL (on the data-plane host), for kinds that have one. */
    public String adminUrl() {
        return "http://" + listenHost + ":" + adminPort;
    }

    public String baseUrl() {
        return "http://" + listenHost + ":" + listenPort;
    }
}
