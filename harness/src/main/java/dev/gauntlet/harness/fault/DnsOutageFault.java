package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.ScenarioDns;

/**
 * {@code dns_outage}: the server stops answering the name at all (queries are dropped, the resolver times
 * out), as when the DNS server is down or unreachable. The backends are fine: a good gateway keeps its
 * last good answer (stale-on-error). Verified when a query gets no answer within the probe's timeout;
 * healed by answering as before.
 */
final class DnsOutageFault extends DnsModeFault {

    DnsOutageFault(FaultContext ctx) {
        super(ctx, ScenarioDns.Mode.OUTAGE);
    }
}
