package dev.gauntlet.harness.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A backend pool the gateway finds through DNS rather than a static list: the scenario's DNS server
 * answers {@code name} with the addresses of the replicas in {@code records}, each replica on its own
 * loopback address, so a record can really move from one replica to another.
 *
 * <pre>{@code
 * backends:
 *   - pool: api
 *     replicas: 2
 *     dns: { name: api.gauntlet.test, ttl: 5s, records: [0] }   # records: default every replica
 * }</pre>
 *
 * Read and checked by {@link DnsSpecReader}; faults {@code dns_change}, {@code dns_outage},
 * {@code dns_servfail}, {@code dns_nxdomain} and {@code dns_ttl} act on this name.
 *
 * @param name    the DNS name the gateway resolves (lower case, at least two labels)
 * @param ttl     the records' TTL, whole seconds
 * @param records indices of the replicas the name resolves to at start (at least one, distinct)
 */
public record DnsSpec(String name, Duration ttl, List<Integer> records) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

    public DnsSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ttl, "ttl");
        records = List.copyOf(records);
    }
}
