package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;
import java.util.List;

/**
 * {@code dns_change}: the pool's name now resolves to the replicas in {@code records} (e.g. {@code [1]}),
 * as when a service moves. Verified when a query answers exactly those replicas' addresses; healed by
 * putting back the previous record set.
 */
final class DnsChangeFault extends DnsFault {

    private final List<Integer> records;

    DnsChangeFault(FaultContext ctx, FaultParams p) {
        super(ctx);
        this.records = p.indices("records");
    }

    @Override
    ScenarioDns.Zone apply(ScenarioDns.Zone current) {
        return current.withAddresses(zonePlan().addressesOf(records));
    }

    @Override
    ScenarioDns.Zone restore(ScenarioDns.Zone current, ScenarioDns.Zone before) {
        return current.withAddresses(before.addresses());
    }

    @Override
    String describe(ScenarioDns.Zone from, ScenarioDns.Zone to) {
        return "records " + from.addresses() + " -> " + to.addresses();
    }
}
