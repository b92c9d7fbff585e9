package dev.gauntlet.harness.topology;

import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Load and faults go only to this machine or its own containers: every address the harness will send
 * to must be a loopback address (127.0.0.0/8 or ::1), or one of the run's own containers on the run's
 * own network ({@link Placement#owns}), unless the user passed {@code --allow-remote}. Endpoints
 * belong to the topology, so a scenario that names its own is refused too — the harness would
 * otherwise aim faults at whatever those addresses are.
 */
public final class BlastRadius {

    private BlastRadius() {
    }

    public static void check(Scenario scenario, Topology topology, boolean allowRemote) {
        check(scenario, topology, allowRemote, new LoopbackPlacement());
    }

    public static void check(Scenario scenario, Topology topology, boolean allowRemote, Placement placement) {
        String file = scenario.source() == null ? scenario.name() : scenario.source().getFileName().toString();
        for (String key : new String[] {"endpoints", "dnsEndpoints"}) {
            if (scenario.gateway().cluster().has(key)) {
                throw new ScenarioInvalidException(file, "gateway.config." + key, scenario.gateway().cluster().get(key).toString(),
                        "no " + key + ": the topology places the backends and points the gateway at them");
            }
        }
        if (allowRemote) {
            return;
        }
        for (EndpointPlan e : topology.endpoints()) {
            for (String host : new String[] {e.host(), e.proxyHost()}) {
                if (!placement.owns(host)) {
                    requireLoopback(file, "backends (" + e.id() + ")", host);
                }
            }
        }
    }

    public static void requireLoopback(String file, String path, String host) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new ScenarioInvalidException(file, path, host,
                    "a loopback address (127.0.0.0/8 or ::1); pass --allow-remote to send load or faults elsewhere");
        }
    }
}
