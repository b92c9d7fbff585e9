package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway a scenario runs against.
 *
 * @param kind    builtin (our gateway core); later: haproxy, nginx, external
 * @param cluster cluster-level settings (healthCheck, retry, loadBalancing, ...) merged into the
 *                cluster the topology generates; validated by the gateway itself at start
 */
public record GatewaySettings(String kind, ObjectNode cluster) {
}
