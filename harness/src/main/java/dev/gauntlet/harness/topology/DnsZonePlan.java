package dev.gauntlet.harness.topology;

import java.time.Duration;
import java.util.List;

/**
 * One DNS name the scenario's DNS server answers for a pool: the gateway's cluster resolves
 * {@code hostname} and connects to each answered address on {@code port} (all replicas' proxies share it).
 *
 * <pre>{@code
 * DnsZonePlan z = topology.dnsZone("api").orElseThrow();
 * z.addressesOf(List.of(1));   // ["127.0.0.11"]: what dns_change records: [1] makes the name answer
 * }</pre>
 *
 * @param replicaAddresses each replica's proxy address (no port), by replica index
 * @param records          the replicas the name resolves to at start
 */
public record DnsZonePlan(String pool, String hostname, int port, Duration ttl, List<String> replicaAddresses,
                          List<Integer> records) {

    public DnsZonePlan {
        replicaAddresses = List.copyOf(replicaAddresses);
        records = List.copyOf(records);
    }

    /** The addresses of the given replicas, in the given order. */
    public List<String> addressesOf(List<Integer> replicas) {
        return replicas.stream().map(replicaAddresses::get).toList();
    }

    public List<String> initialAddresses() {
        return addressesOf(records);
    }
}
